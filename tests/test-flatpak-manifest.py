#!/usr/bin/env python3
# test-flatpak-manifest.py — the Flatpak manifest matches the build
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-builder cannot run here (no GNOME runtime offline), so the manifest
# is checked structurally: it parses, names the same application id and
# command as the meson build, builds OpenBLAS from a pinned tarball the way
# DESIGN.md asks (pthreads, every CPU, no OpenMP), builds the app with meson,
# and asks for no permission beyond a display and the GPU.
# Usage: test-flatpak-manifest.py MANIFEST APPLICATION_ID COMMAND
# Prints TAP.

import json
import re
import sys

checks = []


def check(name, ok, why=''):
    checks.append((name, bool(ok), why))


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: test-flatpak-manifest.py MANIFEST APPLICATION_ID COMMAND')
    path, app_id, command = sys.argv[1:]

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('1..1')
        print('not ok 1 - %s parses as JSON' % path)
        print('# %s' % e)
        return 1
    check('the manifest parses as a JSON object', isinstance(manifest, dict))

    got_id = manifest.get('id', manifest.get('app-id'))
    check('the app id is the build\'s application id', got_id == app_id,
          '%s has id %r, the build uses %r' % (path, got_id, app_id))
    check('the command is the executable', manifest.get('command') == command,
          'command is %r, the executable is %r' % (manifest.get('command'), command))
    check('the runtime is the GNOME platform',
          manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
          'runtime %r, sdk %r' % (manifest.get('runtime'), manifest.get('sdk')))
    version = str(manifest.get('runtime-version', ''))
    # GNOME 43 is the first runtime with libadwaita 1.2, but Flathub ends a
    # runtime about a year after its release (one each March and September):
    # at the end of 2026, 50 (March 2026) is the oldest one still kept.
    # "master" would be a moving target.
    check('the runtime version is one Flathub still supports (>= 50)',
          re.fullmatch(r'\d+', version) is not None and int(version) >= 50,
          'runtime-version is %r' % version)

    args = manifest.get('finish-args', [])
    for needed in ('--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'):
        check('finish-args include %s' % needed, needed in args, 'finish-args: %r' % args)
    too_wide = [a for a in args
                if a in ('--share=network', '--socket=x11', '--device=all')
                or a.startswith('--filesystem=')
                or a.startswith('--talk-name=org.freedesktop.Flatpak')]
    check('finish-args ask for no network and no file system', not too_wide,
          'too wide: %r (files go through the portal)' % too_wide)

    modules = manifest.get('modules', [])
    names = [m.get('name') if isinstance(m, dict) else None for m in modules]
    check('modules are openblas, then the app', 'openblas' in names and command in names
          and names.index('openblas') < names.index(command), 'modules: %r' % names)

    openblas = modules[names.index('openblas')] if 'openblas' in names else {}
    sources = openblas.get('sources', [])
    archive = [s for s in sources if s.get('type') == 'archive']
    check('openblas comes from one pinned archive',
          len(archive) == 1 and archive[0].get('url', '').startswith('https://')
          and re.fullmatch(r'[0-9a-f]{64}', archive[0].get('sha256', '')) is not None,
          'sources: %r' % sources)
    if archive:
        m = re.search(r'v?(\d+)\.(\d+)\.(\d+)\.tar', archive[0].get('url', ''))
        # 0.3.30's tests fail to link on aarch64 under Flatpak; Flathub holds below it.
        check('openblas is a release below 0.3.30', m is not None
              and tuple(int(x) for x in m.groups()) < (0, 3, 30),
              'url: %r' % archive[0].get('url'))
    build = ' '.join(openblas.get('build-commands', []) + openblas.get('config-opts', [])
                     + openblas.get('make-args', []))
    for flag, cmake in (('DYNAMIC_ARCH=1', '-DDYNAMIC_ARCH=ON'),
                        ('NO_AFFINITY=1', '-DNO_AFFINITY=ON'),
                        ('USE_OPENMP=0', '-DUSE_OPENMP=OFF')):
        check('openblas is built with %s' % flag, flag in build or cmake in build,
              'build flags: %r' % build)
    check('openblas installs into /app (with openblas.pc)',
          'PREFIX=/app' in build or openblas.get('buildsystem') in ('cmake', 'cmake-ninja'),
          'build flags: %r' % build)

    app = modules[names.index(command)] if command in names else {}
    check('the app builds with meson', app.get('buildsystem') == 'meson',
          'buildsystem %r' % app.get('buildsystem'))
    app_sources = app.get('sources', [])
    check('the app builds from this source tree',
          any(s.get('type') == 'dir' and s.get('path') == '..' for s in app_sources),
          'sources: %r' % app_sources)

    print('1..%d' % len(checks))
    failed = 0
    for i, (name, ok, why) in enumerate(checks, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            print('# ' + why)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
