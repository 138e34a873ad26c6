"""Strong linear text baselines for the triage fields, as a yardstick for our classifier (issue 19).

Not part of the product or the test suite. Needs Debian's scikit-learn (`apt-get install python3-sklearn`) and runs with
Debian's Python: `/usr/bin/python3 eval/triage/baselines.py ../shared/datasets/tickets-multilang-dev/tickets.jsonl`.
Split as `triage --train/--test` in eval/README.md: the number in the id modulo 5 = 0 is test. For each field and model it
prints accuracy, macro-F1 and the largest share of test tickets whose most confident predictions are right >= 80 % of the
time with the threshold chosen on the test file itself -- an upper bound for any threshold the fit check could choose;
then how often a test ticket's most similar training ticket shares its labels, and near-duplicate pairs.
"""
import json, re, sys
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

rows = [json.loads(line) for line in open(sys.argv[1])]
test_of = lambda r: int(re.sub(r'\D', '', r['id'].split('-')[-1])) % 5 == 0
train, test = [r for r in rows if not test_of(r)], [r for r in rows if test_of(r)]
text = lambda r: (r.get('subject') or '') + '\n' + (r.get('body') or '')
words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
chars = TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), sublinear_tf=True, min_df=2)
x_train = hstack([words.fit_transform(map(text, train)), chars.fit_transform(map(text, train))]).tocsr()
x_test = hstack([words.transform(map(text, test)), chars.transform(map(text, test))]).tocsr()
print(f'train {len(train)}, test {len(test)}')
for field in ['queue', 'priority', 'type']:
    y_train = np.array([r['labels'][field] for r in train])
    y_test = np.array([r['labels'][field] for r in test])
    for name, model in [('logistic C=1', LogisticRegression(C=1, max_iter=3000)),
                        ('logistic C=10', LogisticRegression(C=10, max_iter=3000)),
                        ('logistic C=10 balanced', LogisticRegression(C=10, max_iter=3000, class_weight='balanced'))]:
        p = model.fit(x_train, y_train).predict_proba(x_test)
        guess, confidence = model.classes_[p.argmax(1)], p.max(1)
        right = (guess == y_test)[np.argsort(-confidence)]
        precision = np.cumsum(right) / np.arange(1, len(right) + 1)
        covered = max([k + 1 for k in range(len(right)) if precision[k] >= 0.8] or [0]) / len(right)
        print(f'{field:9s} {name:24s} accuracy {right.mean():.3f}  macro-F1 {f1_score(y_test, guess, average="macro"):.3f}  '
              f'best coverage at >= 80 % precision {covered:.3f}')

# How far a ticket's words say its labels: the most similar training ticket (TF-IDF words, cosine) of each test ticket,
# and whether it carries the same label, by similarity; then the near-duplicate pairs of the whole file.
vectors = TfidfVectorizer(sublinear_tf=True)
a, b = vectors.fit_transform(map(text, train)), vectors.transform(map(text, test))
similarity = (b @ a.T).toarray()
nearest, closeness = similarity.argmax(1), similarity.max(1)
for low, high in [(0, .3), (.3, .5), (.5, .7), (.7, 1.01)]:
    held = [i for i in range(len(test)) if low <= closeness[i] < high]
    if held:
        agree = '  '.join(f'{f} {np.mean([test[i]["labels"][f] == train[nearest[i]]["labels"][f] for i in held]):.2f}' for f in ['queue', 'priority', 'type'])
        print(f'nearest training ticket at cosine {low:.1f}-{high:.1f} ({len(held)} test tickets) shares: {agree}')
everything = vectors.transform(map(text, rows))
pairs = np.argwhere(np.triu((everything @ everything.T).toarray(), 1) >= 0.8)
if len(pairs):
    agree = '  '.join(f'{f} {np.mean([rows[i]["labels"][f] == rows[j]["labels"][f] for i, j in pairs]):.2f}' for f in ['queue', 'priority', 'type'])
    print(f'{len(pairs)} pairs of tickets at cosine >= 0.8 share: {agree}')
