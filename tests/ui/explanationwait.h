#pragma once
// Waiting for the Explanation page in GUI tests: the explanation asked for is on screen and no newer
// request is still running.
#include <QSignalSpy>
#include <QtTest>

#include "explanation/attributionheatmap.h"
#include "explanation/explanationpage.h"
#include "services/explanationservice.h"

namespace reclens::testing {

// `shown` spies on page.explanationShown. A request made meanwhile (a setting moved) replaces the one
// waited for: the service must settle too.
inline void waitForExplanation(ExplanationPage& page, QSignalSpy& shown, int timeoutMs = 30000) {
  QVERIFY(shown.count() > 0 || shown.wait(timeoutMs));
  QTRY_VERIFY_WITH_TIMEOUT(!page.service()->isBusy(), timeoutMs);
  QVERIFY2(page.heatmap()->rowCount() > 0, qPrintable(page.messageLabel()->text()));
}

}  // namespace reclens::testing
