"""The one shape of every name in content/: lowercase letters and digits, words joined by single hyphens.

Page ids and slugs, question anchors and bibliography ids all use it, and a citation ``[@id]`` names a
bibliography id, so a source id the bibliography accepts is always one a citation can name.
"""

import re

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_RE = re.compile(rf"^{SLUG_PATTERN}$")
