// t-SNE (Barnes-Hut) for the Embedding map: the perplexity calibration, reproducibility, clusters kept,
// refusals and Cancel.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "clusteredblobs.h"
#include "engine/tsne.h"

using namespace reclens;
using reclens::test::blobs;
using reclens::test::labelAgreement;

class TestTsne : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The weights of one row have the asked perplexity: exp(entropy) = 5, ordered like the distances.
  void perplexityIsMatched() {
    const std::vector<float> distances = {0.5f, 0.7f, 0.8f, 1.0f, 1.1f, 1.3f, 1.6f, 2.0f,
                                          2.2f, 2.5f, 2.9f, 3.0f, 3.5f, 4.0f, 4.2f};
    const auto p = perplexityWeights(distances, 5.0);
    double sum = 0.0, entropy = 0.0;
    for (const double v : p) {
      sum += v;
      if (v > 0.0) entropy -= v * std::log(v);
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    QVERIFY2(std::abs(std::exp(entropy) - 5.0) < 1e-3, qPrintable(QString::number(std::exp(entropy))));
    for (std::size_t j = 1; j < p.size(); ++j) QVERIFY(p[j] <= p[j - 1]);
  }

  void reproducibleAndKeepsClusters() {
    const std::size_t rows = 900;
    const int dim = 20;
    const auto data = blobs(rows, dim, 5, 11);
    TsneOptions options;
    options.seed = 7;
    options.threads = 2;
    options.iterations = 500;
    auto first = tsneLayout(data.matrix, rows, dim, options);
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    QCOMPARE(first->coordinates.size(), 2 * rows);
    QCOMPARE(first->neighbours, 90);
    options.threads = 1;
    auto single = tsneLayout(data.matrix, rows, dim, options);
    QVERIFY(single.ok());
    QVERIFY(first->coordinates == single->coordinates);
    options.seed = 8;
    auto other = tsneLayout(data.matrix, rows, dim, options);
    QVERIFY(other.ok());
    QVERIFY(first->coordinates != other->coordinates);

    // Of each point's 10 nearest points in the layout, the share with its own label.
    const double agreement = labelAgreement(data, first->coordinates, rows, 10);
    QVERIFY2(agreement >= 0.95, qPrintable(QString::number(agreement)));
    // The layout has grown from its tiny start: the clusters lie apart by more than their own size.
    double extent = 0.0;
    for (const float c : first->coordinates) {
      QVERIFY(std::isfinite(c));
      extent = std::max(extent, double(std::abs(c)));
    }
    QVERIFY2(extent > 5.0, qPrintable(QString::number(extent)));
  }

  void refusesAndCancels() {
    const std::vector<float> three = {0, 1, 2, 3, 4, 5};
    QCOMPARE(tsneLayout(three, 3, 2, {}).error().code, ErrorCode::InvalidArgument);
    const auto data = blobs(300, 4, 3, 1);
    TsneOptions bad;
    bad.perplexity = 1.0;
    QCOMPARE(tsneLayout(data.matrix, 300, 4, bad).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(tsneLayout(data.matrix, 301, 4, {}).error().code, ErrorCode::InvalidArgument);
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    QCOMPARE(tsneLayout(data.matrix, 300, 4, {}, control).error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestTsne)
#include "tst_tsne.moc"
