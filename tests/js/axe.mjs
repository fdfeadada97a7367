// Accessibility scans with axe-core (through @axe-core/playwright): a part of a page must have
// no serious or critical violation.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';

/** Scans `page` (or only `include`, a CSS selector) and fails on serious or critical findings. */
export async function assertAccessible(page, what, include = null) {
  let axe = new AxeBuilder({ page });
  if (include) axe = axe.include(include);
  const { violations } = await axe.analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const said = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`).join('\n')}`);
  // STORMWALL_AXE_SURVEY=1 lists every finding of a run instead of stopping at the first.
  if (process.env.STORMWALL_AXE_SURVEY && bad.length) { console.log(`${what}:\n  ${said.join('\n  ')}`); return; }
  assert.equal(bad.length, 0, `${what}: accessibility problems\n  ${said.join('\n  ')}`);
}
