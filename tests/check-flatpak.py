#!/usr/bin/env python3
# The Flatpak manifest asks for what the README says and nothing more: GNOME 50, libshumate 1.6 from a
# pinned tarball (after protobuf-c, which its vector renderer needs), minimal finish-args, this
# checkout as the app. usage: check-flatpak.py MANIFEST
import json
import re
import sys

path = sys.argv[1]
errors = []

with open(path, encoding='utf-8') as f:
    manifest = json.load(f)


def expect(condition, message):
    if not condition:
        errors.append(message)


expect(manifest.get('id') == 'io.github.cityties.CityTies', 'id is not io.github.cityties.CityTies')
expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
expect(manifest.get('runtime-version') == '50', 'runtime-version is not 50')
expect(manifest.get('command') == 'city-ties', 'command is not city-ties')

allowed = {'--socket=wayland', '--socket=fallback-x11', '--device=dri', '--share=ipc', '--share=network'}
args = set(manifest.get('finish-args', []))
expect(args == allowed, 'finish-args differ from the minimal set: extra %s, missing %s'
       % (sorted(args - allowed), sorted(allowed - args)))
expect(not any(a.startswith('--filesystem') for a in args), 'files must go through portals, not --filesystem')

modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
names = [m.get('name') for m in modules]
expect(names[-1:] == ['city-ties'], 'the app is not the last module')
expect('libshumate' in names and 'protobuf-c' in names and names.index('protobuf-c') < names.index('libshumate'),
       'protobuf-c must be built before libshumate')

for m in modules:
    for source in m.get('sources', []):
        if source.get('type') == 'archive':
            expect(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None,
                   '%s: archive without a sha256' % m['name'])
            expect(source.get('url', '').startswith('https://'), '%s: archive not over https' % m['name'])
    if m.get('name') == 'libshumate':
        urls = [s.get('url', '') for s in m.get('sources', [])]
        expect(any(re.search(r'/libshumate-1\.6\.\d+\.tar\.xz$', u) for u in urls),
               'libshumate is not a 1.6 release tarball')
    if m.get('name') == 'city-ties':
        expect(any(s.get('type') == 'dir' and s.get('path') == '..' for s in m.get('sources', [])),
               'the app is not built from this checkout')

for e in errors:
    print('FAIL: %s: %s' % (path, e))
if not errors:
    print('ok: %s' % path)
sys.exit(1 if errors else 0)
