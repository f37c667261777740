"""Screenshot a foicompare HTML report in headless Chromium and check nothing is blank.

Usage:  python scripts/screenshot_report.py demo/report.html [--out demo/screenshots]

It takes one screenshot of the whole report, and one of each chart on a page of its own
(the chart's SVG exactly as the report holds it), then checks each image by pixel
statistics: a blank or failed render is one flat colour (variance ~0, no ink). Exit status
0 when the report and every chart are drawn, 1 otherwise. Chromium runs with no network
access to anything (the report must be self-contained) and a fresh profile.

Install Chromium on Debian/Ubuntu with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageStat

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
    # any request leaving the machine fails: proves the report needs no network
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)  # fmt: skip
MIN_STDDEV = 8.0  #: grey-level standard deviation below which an image is flat
MIN_INK = 0.005  #: share of pixels that must differ from the background

_FIGURE = re.compile(r'<figure class="chart">(.*?)</figure>', re.S)


@dataclass
class Shot:
    name: str
    path: Path
    stddev: float
    ink: float

    @property
    def drawn(self) -> bool:
        return self.stddev >= MIN_STDDEV and self.ink >= MIN_INK


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium found: apt-get install -y chromium")


def screenshot(html: Path, png: Path, *, width: int = 1200, height: int = 1600) -> None:
    with tempfile.TemporaryDirectory(prefix="foicompare-chromium-") as profile:
        cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}",
               f"--window-size={width},{height}", f"--screenshot={png}", html.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed on {html}: {done.stderr[-800:]}")


def measure(name: str, png: Path) -> Shot:
    """Grey-level spread and the share of pixels that are not the background colour."""
    img = Image.open(png).convert("L")
    stddev = ImageStat.Stat(img).stddev[0]
    hist = img.histogram()
    background = max(range(256), key=hist.__getitem__)
    ink = 1 - hist[background] / sum(hist)
    return Shot(name, png, stddev, ink)


def check(report: Path, out: Path) -> list[Shot]:
    out.mkdir(parents=True, exist_ok=True)
    html = report.read_text(encoding="utf-8")
    shots = []
    full = out / "report.png"
    screenshot(report, full, height=3000)
    shots.append(measure("report (top 3000px)", full))
    figures = _FIGURE.findall(html)
    for i, svg in enumerate(figures, start=1):
        page = out / f"chart_{i}.html"
        page.write_text(
            f'<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff">{svg}',
            encoding="utf-8",
        )
        png = out / f"chart_{i}.png"
        screenshot(page, png, width=1000, height=900)
        shots.append(measure(f"chart {i}", png))
    if not figures:
        print("the report holds no charts", file=sys.stderr)
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="where to write the PNGs")
    args = ap.parse_args(argv)
    out = args.out or args.report.with_name("screenshots")
    shots = check(args.report, out)
    for s in shots:
        state = "drawn" if s.drawn else "BLANK"
        print(f"{state:6} {s.name:22} stddev {s.stddev:6.1f}  ink {s.ink:6.1%}  {s.path}")
    ok = len(shots) > 1 and all(s.drawn for s in shots)
    print("ok: the report and every chart are drawn" if ok else "FAILED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
