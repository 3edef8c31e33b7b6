// Runs ESLint's Node API outside Jest: ESLint loads eslint.config.mjs with a dynamic import(),
// which Jest's VM rejects unless Node runs with --experimental-vm-modules.
// stdin: JSON [{ filePath, code }]; stdout: JSON [{ filePath, ruleIds, fatal }].
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
/** @type {{ filePath: string, code: string }[]} */
const probes = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({
  cwd: process.cwd(),
  // Probe files are never written to disk, and the project service only knows real files,
  // so lint without type information. The layering rules are plain ESLint rules.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => !ruleId.startsWith('@typescript-eslint/'),
});

const results = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  results.push({
    filePath,
    ruleIds: messages.filter((m) => !m.fatal).map((m) => m.ruleId),
    fatal: messages.filter((m) => m.fatal).map((m) => m.message),
  });
}
process.stdout.write(JSON.stringify(results));
