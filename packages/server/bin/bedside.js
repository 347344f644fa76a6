#!/usr/bin/env node
// The `bedside` command. Runs the compiled CLI (npm install builds it; so does npm start).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
