"""Rich text from the admin's editor and from a file compare equal when only their escaping differs."""

from cidp_site.content_sync.compare import html


def test_quotes_escaped_or_not_are_the_same_text():
    from_editor = '<p data-block-key="x1">"Intravenous" means into a vein. It\'s <b>safe</b>.</p>'
    from_file = "<p>&quot;Intravenous&quot; means into a vein. It&#x27;s <b>safe</b>.</p>"
    assert html(from_editor) == html(from_file)


def test_a_real_difference_still_shows():
    assert html("<p>&quot;a&quot; &lt;b&gt;</p>") != html("<p>&quot;a&quot; <b>b</b></p>")
    assert html('<p><a href="page:a" linktype="page">x</a></p>') != html('<p><a href="page:b">x</a></p>')
