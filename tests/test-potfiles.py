#!/usr/bin/env python3
# test-potfiles.py — po/POTFILES.in lists every file with translatable strings
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A file missing from POTFILES.in has its strings silently left out of the
# template, so translators never see them; a listed file that is gone breaks
# `meson compile latent-space-pot`. Usage: test-potfiles.py SOURCE_ROOT
# Prints TAP.

import os
import re
import subprocess
import sys

# C: gettext macros from glib/gi18n.h, with or without a space before "(".
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext2|ngettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
DESKTOP_KEYS = re.compile(r'^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)\s*=', re.M)
METAINFO_TAGS = re.compile(r'<(?:name|summary|p|li|caption|keyword)[\s>]')
GSCHEMA_TAGS = re.compile(r'<(?:summary|description)[\s>]')
# _("line %" G_GSIZE_FORMAT "…"): xgettext stops at the macro, so the
# catalogue gets "line %" and the real string is never translated.
MACRO_IN_MSGID = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(\s*(?:"[^"]*"\s*,\s*)?"(?:[^"\\]|\\.)*"\s*[A-Z][A-Z0-9_]*')


def strip_c_comments(text):
    """Blanks out comments, so that a comment mentioning _( does not count;
    string literals (which may hold "//" or "/*") are kept, and so are
    newlines, so that line numbers stay right."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(' ' + '\n' * text.count('\n', i, j))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def has_translatable(path, text):
    if path.endswith(('.c', '.h')):
        return C_MARKERS.search(strip_c_comments(text)) is not None
    if path.endswith('.ui') or path.endswith('.blp'):
        return UI_MARKER.search(text) is not None
    if path.endswith('.desktop.in'):
        return DESKTOP_KEYS.search(text) is not None
    if path.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return METAINFO_TAGS.search(text) is not None
    if path.endswith('.gschema.xml'):
        return 'gettext-domain' in text and GSCHEMA_TAGS.search(text) is not None
    return False


def scanned_files(root):
    for top in ('src', 'ui', 'data'):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(folder, name)
                yield os.path.relpath(full, root).replace(os.sep, '/')


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: test-potfiles.py SOURCE_ROOT')
    root = sys.argv[1]
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    listed_set = set(listed)
    skipped = set()
    skip_path = os.path.join(root, 'po', 'POTFILES.skip')
    if os.path.exists(skip_path):
        skipped = set(read_list(skip_path))

    results = []

    missing = []
    for rel in scanned_files(root):
        if rel in listed_set or rel in skipped:
            continue
        try:
            with open(os.path.join(root, rel), encoding='utf-8') as f:
                text = f.read()
        except (UnicodeDecodeError, OSError):
            continue  # binary data such as the bundled digits
        if has_translatable(rel, text):
            missing.append(rel)
    results.append(('every file with translatable strings is listed', missing,
                    'has translatable strings but is not in po/POTFILES.in'))

    broken = []
    for rel in listed:
        full = os.path.join(root, rel)
        if rel.endswith('.c') and os.path.isfile(full):
            with open(full, encoding='utf-8') as f:
                text = strip_c_comments(f.read())
            for m in MACRO_IN_MSGID.finditer(text):
                line = text.count('\n', 0, m.start()) + 1
                broken.append('%s:%d: %s' % (rel, line, ' '.join(m.group(0).split())))
    results.append(('no translatable string is glued to a macro', broken,
                    '— xgettext cuts the string at the macro; write %zu, or format the number first'))

    gone = [rel for rel in listed if not os.path.isfile(os.path.join(root, rel))]
    results.append(('every listed file exists', gone,
                    'is listed in po/POTFILES.in but does not exist'))

    # A listed file without strings is harmless (xgettext finds nothing in it),
    # so it is reported, not failed: a file may be listed just before its
    # strings land.
    for rel in listed:
        full = os.path.join(root, rel)
        if os.path.isfile(full):
            with open(full, encoding='utf-8') as f:
                if not has_translatable(rel, f.read()):
                    print('# note: %s is listed in po/POTFILES.in but has no translatable string' % rel)

    order = [] if listed == sorted(listed) and len(listed) == len(listed_set) else \
        ['po/POTFILES.in is not sorted or lists a file twice; expected:'] + sorted(listed_set)
    results.append(('the list is sorted, without duplicates', order, ''))

    linguas = read_list(os.path.join(root, 'po', 'LINGUAS'))
    no_po = [lang for lang in linguas
             if not os.path.isfile(os.path.join(root, 'po', lang + '.po'))]
    results.append(('every language in po/LINGUAS has its .po file', no_po,
                    'is in po/LINGUAS but po/<lang>.po does not exist'))

    # Each shipped catalogue compiles with format and accelerator checks and
    # holds no fuzzy or empty translation (which msgfmt would silently drop).
    for lang in linguas:
        po = os.path.join(root, 'po', lang + '.po')
        if not os.path.isfile(po):
            continue
        proc = subprocess.run(['msgfmt', '--check', '--check-accelerators=_', '--statistics',
                               '-o', os.devnull, po],
                              capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        problems = [] if proc.returncode == 0 else proc.stderr.strip().splitlines()
        results.append(('po/%s.po compiles with msgfmt --check' % lang, problems, ''))
        stats = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''
        incomplete = [stats] if re.search(r'fuzzy|untranslated', stats) else []
        results.append(('po/%s.po has no fuzzy or untranslated message' % lang, incomplete,
                        '(refresh it: see po/README.md)'))

    print('1..%d' % len(results))
    failed = 0
    for i, (name, problems, why) in enumerate(results, 1):
        if problems:
            failed += 1
            print('not ok %d - %s' % (i, name))
            for p in problems:
                print('# %s %s' % (p, why) if why else '# ' + p)
        else:
            print('ok %d - %s' % (i, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
