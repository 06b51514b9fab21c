"""Cost against length: a least-squares line and its plot (matplotlib, the ``bench`` extra)."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("pdf", "html", "docx")


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def plot(rows: list, png: Path, ylabel: str = "render time, warm process (ms)") -> None:
    """Time per document against its pages, one colour and fitted line per format."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("  (no plot: pip install 'unres[bench]' for matplotlib)")
        return
    png.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=100)
    xs = [r[1] for r in rows]
    for fmt, marker in zip(FORMATS, "os^"):
        ys = [r[2][fmt] for r in rows]
        fixed, per_page = fit(xs, ys)
        ax.scatter(xs, ys, marker=marker, label=f"{fmt}: {per_page:.0f} ms/page + {fixed:.0f} ms")
        ax.plot([0, max(xs)], [fixed, fixed + per_page * max(xs)], linewidth=0.8)
    ax.set_xlabel("pages (PDF)")
    ax.set_ylabel(ylabel)
    ax.set_title("unres: cost of a document by length, per format")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(png)
    print(f"  plot: {png}")
