import { compiledDefaultPacks } from '../../lib/rules';
import { tokenLookups } from '../../lib/rules/compile';
import { foldWithMap, tokenize } from '../../lib/rules/normalise';
import { compileScorer, scoreDraft } from '../../lib/rules/scorer';
import { trainScorer } from '../../lib/rules/scorer-train';
import { checkCorpusDraft, loadCorpus } from '../fixtures/corpus/score';
import { loadSelfHoldout } from './rules-holdout';
const c = compiledDefaultPacks();
const scorer = compileScorer(trainScorer(loadCorpus('dev')));
let caughtR = 0, caughtM = 0, problems = 0, routine = 0, flagR = 0, flagM = 0, catTp = 0, catFp = 0;
for (const d of loadSelfHoldout()) {
  const found = new Set(checkCorpusDraft(c, d).filter((f) => f.severity !== 'info').map((f) => f.category));
  const folded = foldWithMap(d.text);
  const hits = scoreDraft(scorer, tokenLookups(folded.text, tokenize(folded.text), c.phonetic, c.englishWords));
  const both = new Set([...found, ...hits.map((h) => h.category)]);
  for (const h of hits) if (!found.has(h.category)) (d.categories.includes(h.category) ? catTp++ : catFp++);
  if (d.categories.length) { problems++; if (d.categories.some((x) => found.has(x))) caughtR++; if (d.categories.some((x) => both.has(x))) caughtM++; }
  else { routine++; if (found.size) flagR++; if (both.size) flagM++; }
}
console.log(`self-holdout: caught rules ${caughtR}/${problems}, rules+scorer ${caughtM}/${problems}; routine flagged rules ${flagR}/${routine}, rules+scorer ${flagM}/${routine}; scorer's new category findings right ${catTp}, wrong ${catFp}`);
