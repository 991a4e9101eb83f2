import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { planIssueCatalogue, planIssueTable } from '../../src/model/plan-issues.js';

const DOC = new URL('../../docs/plans.md', import.meta.url);

describe('docs/plans.md', () => {
  const text = readFileSync(DOC, 'utf8');

  it('holds exactly the generated table of plan issues', () => {
    const match = /<!-- plan-issues:begin \(generated\) -->\n([\s\S]*?)\n<!-- plan-issues:end -->/.exec(text);
    expect(match, 'generated block markers').to.not.equal(null);
    expect(match?.[1]).to.equal(planIssueTable());
  });

  it('lists every error and warning code with its sentence', () => {
    for (const issue of planIssueCatalogue()) {
      expect(text).to.include(`| \`${issue.code}\` | ${issue.severity} | ${issue.sentence}`);
    }
  });

  it('has kebab-case codes, unique across errors and warnings', () => {
    const codes = planIssueCatalogue().map((i) => i.code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const code of codes) expect(code).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
