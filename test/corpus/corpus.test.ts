/**
 * The trust corpus (test/fixtures/corpus): on every layout and wording class,
 * the tables are mapped with the right profile, every finding the case lists
 * is raised, and no error is raised that it does not list.
 */
import { checkWorkbook } from '../../src/core/check';
import { narrativeSheet } from '../../src/core/narrative/check-text';
import { CORPUS, corpusGrid, judge } from '../fixtures/corpus';

describe.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const result = () => checkWorkbook(corpusGrid(c), undefined, c.narrative ? { narrative: narrativeSheet('情况说明', c.narrative()) } : {});
  let r: ReturnType<typeof result>;
  beforeAll(() => {
    r = result();
  });

  test(`maps ${c.tables ?? 9} tables${c.profile ? ` with ${c.profile}` : ''}`, () => {
    if (c.profile) expect(r.mapping.profile).toBe(c.profile);
    expect(Object.keys(r.mapping.tables).length).toBe(c.tables ?? 9);
    // A table not read whole (a column, a row, a cell) is a finding the case would list.
    const listed = new Set(c.expect.map((e) => e.rule));
    expect(r.findings.filter((f) => /^M0\d/.test(f.rule) && !listed.has(f.rule)).map((f) => f.message)).toEqual([]);
  });

  test('raises every listed finding and no error it does not list', () => {
    const v = judge(c, r.findings);
    expect({ missed: v.missed, unexpectedErrors: v.unexpectedErrors.map((f) => `${f.rule} ${f.cells.join(',')} ${f.message}`) }).toEqual({ missed: [], unexpectedErrors: [] });
  });
});
