/** `npm run corpus`: the confusion matrix of the classifier on the real-mail corpus; `--misses` lists the wrong ones. */
import { classifyCorpus, corpusPresent, report } from './evaluate';

if (!corpusPresent()) {
  console.error('The corpus is not extracted: run `npm run corpus:extract` first.');
  process.exit(1);
}
const verdicts = await classifyCorpus();
console.log(report(verdicts));
if (process.argv.includes('--misses')) {
  for (const verdict of verdicts) {
    const dateWrong = verdict.entry.returnDate !== '' && verdict.returnDate !== verdict.entry.returnDate;
    if (verdict.outcome !== verdict.entry.expected || dateWrong) {
      console.log(`${verdict.entry.file}\t${verdict.entry.note}\t-> ${verdict.outcome} ${verdict.detail}`);
    }
  }
}
