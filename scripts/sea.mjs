#!/usr/bin/env node
// `npm run sea`: build/hostconsole, a Node single executable application (no Node.js needed on the host).
// Steps: the CommonJS bundle (scripts/bundle.mjs), a SEA blob from sea-config.json (`node --experimental-sea-config`),
// a copy of this node binary, its signature removed (macOS/Windows only; Linux binaries carry none), and the blob
// injected with postject under the NODE_SEA_FUSE sentinel. The binary runs the node it was copied from: build it with
// the Node version (and libc/arch) the host should get.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, BUILD_DIR } from './bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(ROOT, 'sea-config.json');
export const SEA_BINARY = join(BUILD_DIR, process.platform === 'win32' ? 'hostconsole.exe' : 'hostconsole');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export async function sea() {
  await bundle();
  const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
  const blob = resolve(ROOT, config.output);
  execFileSync(process.execPath, ['--experimental-sea-config', CONFIG], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(SEA_BINARY, { force: true });
  copyFileSync(process.execPath, SEA_BINARY);
  chmodSync(SEA_BINARY, 0o755);
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', SEA_BINARY], { stdio: 'inherit' });
  if (process.platform === 'win32') {
    try {
      execFileSync('signtool', ['remove', '/s', SEA_BINARY], { stdio: 'inherit' });
    } catch {
      // unsigned node.exe builds have nothing to remove
    }
  }
  // postject's CLI from npm (the package's own), in a child so that LIEF's harmless ELF note warnings can be dropped.
  const postject = join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js');
  const args = [postject, SEA_BINARY, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE, ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [])];
  const injected = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const noise = /^warning: Can't find string offset for section name '\.note[^']*'$/;
  const stderr = injected.stderr.split('\n').filter((l) => l !== '' && !noise.test(l));
  if (injected.status !== 0) throw new Error(`postject failed (${injected.status ?? injected.signal}):\n${stderr.join('\n')}`);
  if (stderr.length > 0) process.stderr.write(stderr.join('\n') + '\n');
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', SEA_BINARY], { stdio: 'inherit' });
  return { file: SEA_BINARY, bytes: statSync(SEA_BINARY).size, node: process.version };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await sea();
  process.stdout.write(`${built.file.slice(ROOT.length + 1)}: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, node ${built.node}\n`);
}
