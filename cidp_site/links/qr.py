"""QR codes made here with segno, as SVG: no outside service ever sees which page a patient reads."""

import io

import segno


def qr_svg(url: str, title: str = "") -> bytes:
    """An SVG QR code for ``url`` (error correction M survives a smudge on paper)."""
    qr = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff", title=title or url, xmldecl=False)
    return out.getvalue()
