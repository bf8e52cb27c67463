"""The team heatmap's cells, written in one pass by the heat_cells tag: shade, title and share, escaped."""

from types import SimpleNamespace

from dashboards.templatetags.dashboard_tags import heat_cells


def test_each_cell_has_its_shade_title_and_share_and_names_are_escaped():
    row = SimpleNamespace(
        user=SimpleNamespace(name='<b>Bo</b> "B"'),
        coverage=[
            {"category": SimpleNamespace(name="Caching & CDNs"), "share": 0.5},
            {"category": SimpleNamespace(name="Queues"), "share": None},
            {"category": SimpleNamespace(name="Storage"), "share": 1.0},
        ],
    )
    html = heat_cells(row)
    name = "&lt;b&gt;Bo&lt;/b&gt; &quot;B&quot;"
    assert html == (
        f'<td class="heat heat-3" title="{name} · Caching &amp; CDNs: 50%">50%</td>'
        f'<td class="heat heat-0" title="{name} · Queues: —">—</td>'
        f'<td class="heat heat-4" title="{name} · Storage: 100%">100%</td>'
    )
