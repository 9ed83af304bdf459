"""Row colours derived from the palette, so playing rows and chapter headers stay readable on light and dark themes."""
from PySide6.QtGui import QColor, QGuiApplication, QPalette

Role = QPalette.ColorRole


def blend(base: QColor, tint: QColor, amount: float) -> QColor:
    """`base` moved `amount` (0-1) of the way towards `tint`, channel by channel."""
    return QColor.fromRgbF(*(b + (t - b) * amount for b, t in zip(base.getRgbF()[:3], tint.getRgbF()[:3])))


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def _dark(palette: QPalette) -> bool:
    return palette.color(Role.Base).lightnessF() < 0.5


def playing_accent(palette: QPalette | None = None) -> QColor:
    """The marker of the row being spoken: the highlight's opposite hue, so it stands out on a selection too."""
    palette = _palette(palette)
    highlight = palette.color(Role.Highlight)
    hue = (highlight.hslHueF() + 0.5) % 1.0 if highlight.hslHueF() >= 0 else 0.08   # grey highlight: amber
    return QColor.fromHslF(hue, max(0.65, highlight.hslSaturationF()), 0.6 if _dark(palette) else 0.5)


def playing_color(palette: QPalette | None = None) -> QColor:
    """Background of the row being spoken: the base colour lightly tinted with the playing accent."""
    palette = _palette(palette)
    return blend(palette.color(Role.Base), playing_accent(palette), 0.25)


def header_color(palette: QPalette | None = None) -> QColor:
    """Background of a chapter header row: the alternate base shaded towards the mid tone."""
    palette = _palette(palette)
    return blend(palette.color(Role.AlternateBase), palette.color(Role.Mid), 0.3)


def accent_color(palette: QPalette | None = None) -> QColor:
    """The bar at a chapter header's left edge and the playing row's marker: the highlight colour."""
    return QColor(_palette(palette).color(Role.Highlight))


def suspect_color(palette: QPalette | None = None) -> QColor:
    """Text colour of a time that looks wrong: a red dark enough on light bases, light enough on dark ones."""
    return QColor("#ff7a8a" if _dark(_palette(palette)) else "#b00020")


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours (1: identical lightness, 21: black on white)."""
    def luminance(color: QColor) -> float:
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in color.getRgbF()[:3]]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
