"""The finder's settings: the period whose spelling and grammar count as normal, read from a
work's front matter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# What a work's front matter may say to the finder: `suspects: {period: early-modern}`.
PERIODS = ("auto", "modern", "early-modern")


@dataclass(frozen=True)
class Settings:
    """The finder's reading of a text: which period's spelling and grammar count as normal.

    auto (the default): modern, unless the document shows itself to be early-modern (several
    archaic words such as thou, hath, 'tis, or several early-modern spellings of common words).
    modern: today's dictionaries decide what is unknown, except for spellings the document
    itself uses consistently. early-modern (print before about 1800): u/v, i/j and y/i
    interchange, final -e, doubled consonants, -eth/-est endings and elisions are spellings, not
    errors; archaic function words (thee, hath, ye) are never called errors from context; the
    context model's real-word suspicions count for less; spaced punctuation ("deep ! The") is
    the printer's convention.
    """

    period: str = "auto"

    @property
    def early_modern(self) -> bool:
        return self.period == "early-modern"


def settings_from_meta(meta: dict, path: Path | None = None) -> Settings:
    """The `suspects:` mapping of a work's front matter, checked."""
    from editio.base.errors import SourceError

    raw = meta.get("suspects")
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        raise SourceError("'suspects' must be a mapping, such as {period: early-modern}",
                          path=path, hint="suspects: {period: early-modern}")
    unknown = sorted(str(k) for k in raw if k != "period")
    if unknown:
        raise SourceError(f"'suspects' has no field {', '.join(unknown)}", path=path,
                          hint="the one field is period: " + " or ".join(PERIODS))
    period = str(raw.get("period", "auto"))
    if period not in PERIODS:
        raise SourceError(f"suspects period '{period}' is not known", path=path,
                          hint="period: " + " or ".join(PERIODS))
    return Settings(period)
