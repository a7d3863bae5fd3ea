"""Minutes text (the HTML subset) read into paragraphs, runs and list items."""

from __future__ import annotations

from commissioner_desk.network.minutes_html import Run, html_blocks, plain_text


def test_paragraphs_bold_italic_and_lists():
    blocks = html_blocks(
        "<p>The chair <b>welcomed</b>   members.<br>Apologies: <i>none</i>.</p>"
        "<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>"
        "<ol><li>First</li><li><strong>Second</strong></li></ol><p>Fish &amp; chips</p>"
    )
    first = blocks[0]
    assert first.runs == (
        Run("The chair "),
        Run("welcomed", bold=True),
        Run(" members."),
        Run("\n"),
        Run("Apologies: "),
        Run("none", italic=True),
        Run("."),
    )
    lists = [(b.list_kind, b.level, b.number, b.text) for b in blocks[1:6]]
    assert lists == [
        ("bullet", 0, 1, "One"),
        ("bullet", 0, 2, "Two"),
        ("bullet", 1, 1, "Nested"),
        ("number", 0, 1, "First"),
        ("number", 0, 2, "Second"),
    ]
    assert blocks[5].runs == (Run("Second", bold=True),)
    assert (blocks[6].list_kind, blocks[6].text) == ("", "Fish & chips")


def test_what_qt_rich_text_writes():
    qt = (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"><html><head><meta name="qrichtext" '
        'content="1" /><style type="text/css">p, li { white-space: pre-wrap; }</style></head>'
        "<body style=\" font-family:'Segoe UI'; font-weight:400;\">\n"
        '<p style="margin-top:0px;">Hello <span style=" font-weight:700;">bold</span> and '
        '<span style=" font-style:italic;">slanted</span></p>\n'
        '<p style="-qt-paragraph-type:empty;"><br /></p></body></html>'
    )
    (block,) = html_blocks(qt)  # the style sheet and the empty paragraph are dropped
    assert block.runs == (
        Run("Hello "),
        Run("bold", bold=True),
        Run(" and "),
        Run("slanted", italic=True),
    )


def test_plain_text_input_and_plain_text_output():
    assert [b.text for b in html_blocks("First para\nsame para\n\nSecond")] == [
        "First para same para",
        "Second",
    ]
    assert plain_text("<ul><li>a</li></ul><ol><li>b</li></ol>") == "• a\n1. b"
    assert html_blocks("") == ()
