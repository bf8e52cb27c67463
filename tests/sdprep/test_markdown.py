from sdprep.markdown import render_user_markdown


def test_a_fenced_block_renders_once_with_highlighting():
    html = render_user_markdown("Before\n\n```python\nx = 1\n```\n\nAfter")
    assert html.count('class="code-block"') == 1
    assert '<span class="code-lang">python</span>' in html
    assert "<p>Before</p>" in html and "<p>After</p>" in html


def test_text_that_looks_like_a_placeholder_stays_text():
    text = "```\nsecret\n```\n\nsdprepblock0x and sdprepblock1x"
    html = render_user_markdown(text)
    assert html.count("secret") == 1
    assert "sdprepblock0x and sdprepblock1x" in html


def test_many_blocks_keep_their_order():
    text = "\n\n".join(f"```\nblock {n}\n```" for n in range(12))
    html = render_user_markdown(text)
    positions = [html.index(f"block {n}") for n in range(12)]
    assert positions == sorted(positions)
    assert all(html.count(f"block {n}\n") == 1 for n in range(12))
