#!/usr/bin/env node
// Orchestrator process protocol v1: `info`, `validate`, `execute <phase>` (JSON request on stdin, JSON result on stdout).
'use strict';
const fs = require('fs');
const path = require('path');

const PHASES = ['slugify', 'page'];

// Exit code for "this input cannot be used": Orchestrator fails the attempt without retrying it (EX_DATAERR).
const INVALID_INPUT = 65;

function invalidInput(message) {
  const error = new Error(message);
  error.exitCode = INVALID_INPUT;
  return error;
}

function slugify(title, separator) {
  return title
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .join(separator);
}

const phases = {
  slugify(request) {
    const separator = request.config.separator || '-';
    const slug = slugify(request.input.title, separator);
    if (!slug) throw invalidInput(`title ${JSON.stringify(request.input.title)} has no letters or digits to make a slug from`);
    return { output: { slug, title: request.input.title }, metadata: { slug }, artifacts: [] };
  },
  page(request) {
    const previous = request.context.phase_outputs.slugify;
    if (!previous) throw new Error("phase 'page' needs the output of phase 'slugify'");
    const file = `${previous.slug}.md`;
    fs.writeFileSync(path.join(request.workdir, file), `# ${previous.title}\n`);
    return { output: { file }, metadata: {}, artifacts: [file] };
  },
};

function main(argv) {
  const [command, phase] = argv;
  if (command === 'info') {
    process.stdout.write(JSON.stringify({ name: 'slugify-node', version: '1.0.0', protocol: 1, phases: PHASES }));
    return 0;
  }
  if (command === 'validate') {
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 16) {
      process.stderr.write(`Node.js 16 or later is required, found ${process.versions.node}\n`);
      return 1;
    }
    return 0;
  }
  if (command === 'execute' && phases[phase]) {
    const request = JSON.parse(fs.readFileSync(0, 'utf8'));
    process.stderr.write(`slugify-node: running ${phase} (attempt ${request.attempt})\n`);
    process.stdout.write(JSON.stringify(phases[phase](request)));
    return 0;
  }
  process.stderr.write(`usage: slugify.js info | validate | execute <${PHASES.join('|')}>\n`);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`slugify-node: ${error.message}\n`);
  process.exitCode = error.exitCode || 1;
}
