#!/usr/bin/env node
// `npm run sea`: build/hostconsole, a Node single executable application (no Node.js needed on the host).
// Steps: the CommonJS bundle (scripts/bundle.mjs), a SEA blob from sea-config.json (`node --experimental-sea-config`),
// a copy of this node binary, its signature removed (macOS/Windows only; Linux binaries carry none), and the blob
// injected with postject under the NODE_SEA_FUSE sentinel. The binary runs the node it was copied from: build it with
// the Node version (and libc/arch) the host should get. `--no-code-cache` builds build/hostconsole-no-code-cache from
// the same script without V8's code cache in the blob (bench/startup.js --sea compares the two).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, BUILD_DIR, ISLANDS, islandFile } from './bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(ROOT, 'sea-config.json');
export const SEA_BINARY = join(BUILD_DIR, process.platform === 'win32' ? 'hostconsole.exe' : 'hostconsole');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export async function sea({ codeCache = true } = {}) {
  await bundle();
  // sea-config.json plus the bundle's islands (scripts/bundle.mjs) as assets: the executable's script is not a file
  // it could read them back from.
  let config = JSON.parse(readFileSync(CONFIG, 'utf8'));
  config = { ...config, assets: Object.fromEntries(ISLANDS.map((i) => [`island-${i.name}`, islandFile(i.name)])) };
  let binary = SEA_BINARY;
  if (!codeCache) {
    config = { ...config, useCodeCache: false, output: config.output.replace(/\.blob$/, '-no-code-cache.blob') };
    binary = SEA_BINARY.replace(/(\.exe)?$/, '-no-code-cache$1');
  }
  const configFile = join(BUILD_DIR, codeCache ? 'sea-config.json' : 'sea-config-no-code-cache.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
  const blob = resolve(ROOT, config.output);
  execFileSync(process.execPath, ['--experimental-sea-config', configFile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(binary, { force: true });
  copyFileSync(process.execPath, binary);
  chmodSync(binary, 0o755);
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', binary], { stdio: 'inherit' });
  if (process.platform === 'win32') {
    try {
      execFileSync('signtool', ['remove', '/s', binary], { stdio: 'inherit' });
    } catch {
      // unsigned node.exe builds have nothing to remove
    }
  }
  // postject's CLI from npm (the package's own), in a child so that LIEF's harmless ELF note warnings can be dropped.
  const postject = join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js');
  const args = [postject, binary, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE, ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [])];
  const injected = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const noise = /^warning: Can't find string offset for section name '\.note[^']*'$/;
  const stderr = injected.stderr.split('\n').filter((l) => l !== '' && !noise.test(l));
  if (injected.status !== 0) throw new Error(`postject failed (${injected.status ?? injected.signal}):\n${stderr.join('\n')}`);
  if (stderr.length > 0) process.stderr.write(stderr.join('\n') + '\n');
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', binary], { stdio: 'inherit' });
  return { file: binary, bytes: statSync(binary).size, node: process.version };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await sea({ codeCache: !process.argv.includes('--no-code-cache') });
  process.stdout.write(`${built.file.slice(ROOT.length + 1)}: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, node ${built.node}\n`);
}
