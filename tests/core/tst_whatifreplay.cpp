#include <QtTest>

#include <cmath>

#include "engine/whatifreplay.h"

using namespace reclens;

namespace {

// One user (row 1) with items 4, 2, 4, 7 at times 30, 10, 20, 20 (log order), and another user.
Dataset replayData() {
  Dataset d;
  const auto k = d.interactions.kindIndex("view");
  d.interactions.append(1, 4, 30, 1.0f, k);
  d.interactions.append(0, 9, 5, 1.0f, k);
  d.interactions.append(1, 2, 10, 2.0f, k);
  d.interactions.append(1, 4, 20, NAN, k);
  d.interactions.append(1, 7, 20, 0.5f, k);
  return d;
}

}  // namespace

class TestWhatIfReplay : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void eventsAreOldestFirst() {
    const auto events = userHistoryEvents(replayData(), 1);
    QCOMPARE(events.size(), std::size_t(4));
    QCOMPARE(events[0].item, 2);
    QCOMPARE(events[1].item, 4);       // equal times keep the log order
    QCOMPARE(events[1].weight, 1.0f);  // NaN counts as 1
    QCOMPARE(events[2].item, 7);
    QCOMPARE(events[3].ts, std::int64_t(30));
    QVERIFY(userHistoryEvents(replayData(), 5).empty());
    QCOMPARE(replaySteps(events), (std::vector<std::int64_t>{10, 20, 30}));
  }

  void profileAsOfCutsTheHistory() {
    const auto events = userHistoryEvents(replayData(), 1);
    const UserProfile full{{2, 4, 7}, {2.0f, 2.0f, 0.5f}, {3}};
    const auto at15 = profileAsOf(full, events, 15);
    QCOMPARE(at15.items, std::vector<std::int32_t>{2});
    QCOMPARE(at15.weights, std::vector<float>{2.0f});
    QCOMPARE(at15.fieldCodes, std::vector<std::int32_t>{3});
    const auto at20 = profileAsOf(full, events, 20);
    QCOMPARE(at20.items, (std::vector<std::int32_t>{2, 4, 7}));
    QCOMPARE(at20.weights, (std::vector<float>{2.0f, 1.0f, 0.5f}));  // item 4's later event not yet counted
    const auto whole = profileAsOf(full, events, 30);
    QCOMPARE(whole.weights, full.weights);
    QVERIFY(profileAsOf(full, events, 0).items.empty());
  }

  void applicableEditsSkipWhatCannotApply() {
    const UserProfile base{{2}, {1.0f}, {}};
    const std::vector<WhatIfEdit> edits = {WhatIfEdit::removeItem(4), WhatIfEdit::setWeight(2, 3.0f),
                                           WhatIfEdit::addItem(2),    WhatIfEdit::addItem(9),
                                           WhatIfEdit::removeItem(9), WhatIfEdit::setUserField(0, 1)};
    const auto kept = applicableEdits(base, edits);
    QCOMPARE(kept.size(), std::size_t(4));
    QCOMPARE(int(kept[0].kind), int(WhatIfEdit::Kind::SetWeight));
    QCOMPARE(int(kept[1].kind), int(WhatIfEdit::Kind::AddItem));
    QCOMPARE(kept[1].item, 9);
    QCOMPARE(int(kept[2].kind), int(WhatIfEdit::Kind::RemoveItem));
    QCOMPARE(int(kept[3].kind), int(WhatIfEdit::Kind::SetUserField));
  }
};

QTEST_GUILESS_MAIN(TestWhatIfReplay)
#include "tst_whatifreplay.moc"
