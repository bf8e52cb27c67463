"""Server-rendered SVG geometry for the dashboards: no chart library, no script."""

from __future__ import annotations

TREND_WIDTH, TREND_HEIGHT, PAD = 560, 200, 28


def _y(score: float, height: int, pad: int) -> float:
    """Scores 1 to 4 mapped onto the plot, 4 at the top."""
    return round(pad + (4 - score) / 3 * (height - 2 * pad), 1)


def trend_chart(trend: list[dict], width: int = TREND_WIDTH, height: int = TREND_HEIGHT) -> dict | None:
    """The average score of each assessment over time, mocks and self-assessments marked apart."""
    if not trend:
        return None
    step = (width - 2 * PAD) / max(len(trend) - 1, 1)
    points = []
    for i, point in enumerate(trend):
        x = round(PAD + i * step if len(trend) > 1 else width / 2, 1)
        y = _y(point["average"], height, PAD)
        points.append({**point, "x": x, "y": y, "corner_x": x - 5, "corner_y": y - 5})
    return {
        "width": width,
        "height": height,
        "points": points,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "grid": [{"score": s, "y": _y(s, height, PAD)} for s in (1, 2, 3, 4)],
        "right": width - PAD,
        "pad": PAD,
        "label_x": PAD - 8,
    }


def sparkline(series: list[int], width: int = 96, height: int = 24) -> dict | None:
    """One dimension's scores across the recent assessments."""
    if not series:
        return None
    pad = 3
    step = (width - 2 * pad) / max(len(series) - 1, 1)
    coords = [
        (round(pad + i * step if len(series) > 1 else width / 2, 1), _y(score, height, pad))
        for i, score in enumerate(series)
    ]
    return {
        "width": width,
        "height": height,
        "line": " ".join(f"{x},{y}" for x, y in coords),
        "last": coords[-1],
    }


def dashboard_charts(context: dict) -> dict:
    """The trend chart for a dashboard context, and each rubric row's sparkline (added to the row)."""
    for row in context["rubric"]["rows"]:
        row["spark"] = sparkline(row["series"])
    return {"trend_chart": trend_chart(context["rubric"]["trend"])}
