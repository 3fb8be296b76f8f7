/** The digest core and the store stay platform-neutral: no chat SDK is imported under them. */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

test.each(['src/digest', 'src/store'])('%s imports no chat SDK and no adapter', (folder) => {
  const files = tsFiles(path.join(ROOT, folder));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect([file, spec]).not.toEqual([file, expect.stringMatching(/^(@slack\/|discord\.js|@discordjs\/)|adapters\//)]);
    }
  }
});
