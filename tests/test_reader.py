"""What a reader sees, checked without a browser: code fits the column, and
highlighted code has enough contrast in both colour schemes."""
from __future__ import annotations

import catalog

# At 1280 px furo's text column (with "On this page" shown, see site.css)
# is 736 px: 90 characters of its 13 px monospace after the block's
# padding. A longer line makes the reader scroll sideways.
MAX_LINE = 90


def test_example_lines_fit_the_column():
    long = [
        f"examples/{ex.name}:{n}: {len(line)} characters"
        for ex in catalog.examples()
        for n, line in enumerate(ex.source.splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert not long, f"lines longer than {MAX_LINE} characters scroll in the page's column:\n" + "\n".join(long)


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _low_contrast_tokens(style_name: str) -> list[str]:
    from pygments.styles import get_style_by_name
    from pygments.token import Error, Whitespace

    style = get_style_by_name(style_name)
    background = style.background_color
    bad = []
    for ttype in style.styles:
        if ttype in Whitespace or ttype in Error:  # invisible, or only on a syntax error
            continue
        look = style.style_for_token(ttype)
        colour = look["color"]
        if colour:
            ratio = contrast("#" + colour, look["bgcolor"] and "#" + look["bgcolor"] or background)
            if ratio < 4.5:
                bad.append(f"{style_name}: {ttype} #{colour} on {background}: {ratio:.2f}:1")
    return bad


def test_highlighted_code_has_enough_contrast_in_both_schemes():
    """Every token colour of the light and the dark style, comments included, reaches 4.5:1 (WCAG AA)."""
    import re

    conf = (catalog.ROOT / "conf.py").read_text(encoding="utf-8")
    light = re.search(r'^pygments_style = "([^"]+)"', conf, re.M)[1]
    dark = re.search(r'^pygments_dark_style = "([^"]+)"', conf, re.M)[1]
    bad = _low_contrast_tokens(light) + _low_contrast_tokens(dark)
    assert not bad, "\n".join(bad)


def test_the_contrast_check_catches_a_faint_style():
    assert contrast("#ffffff", "#000000") == 21
    # Sphinx's default style: comments #408090 on #eeffcc come out under 4.5:1.
    assert any("Comment" in b for b in _low_contrast_tokens("default") + _low_contrast_tokens("friendly"))
