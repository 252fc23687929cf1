#include "explanation/explanationcontrols.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include "explanation/explanationdetail.h"

namespace reclens {

namespace {
constexpr int kProgressSteps = 1000;

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setBuddy(buddy);
  return label;
}

void keepSpaceWhenHidden(QWidget* widget) {
  QSizePolicy policy = widget->sizePolicy();
  policy.setRetainSizeWhenHidden(true);
  widget->setSizePolicy(policy);
}
}  // namespace

ExplanationControls::ExplanationControls(QWidget* parent) : QWidget(parent) {
  m_title = new QLabel(this);
  m_title->setTextFormat(Qt::RichText);
  m_rows = new QSpinBox(this);
  m_rows->setRange(1, kMaxRows);
  m_rows->setValue(kDefaultRows);
  m_rows->setToolTip(tr("How many of the user's recommendations to explain, from the top"));
  m_method = new QComboBox(this);
  const std::pair<AttributionMethod, QString> methods[] = {
      {AttributionMethod::IntegratedGradients,
       tr("Path integral of the gradient from the baseline; adds up to the score change")},
      {AttributionMethod::GradientTimesInput, tr("Gradient at the input times the input: one pass, fast")},
      {AttributionMethod::Occlusion, tr("Exact score change when one field is removed")},
      {AttributionMethod::Shapley, tr("Mean marginal contribution over sampled orders of the fields: slow")}};
  for (const auto& [method, tip] : methods) {
    m_method->addItem(ExplanationDetail::methodName(method), static_cast<int>(method));
    m_method->setItemData(m_method->count() - 1, tip, Qt::ToolTipRole);
  }
  m_method->setToolTip(tr("How the score is split over the fields"));
  m_steps = new QSpinBox(this);
  m_steps->setRange(1, 1024);
  m_steps->setValue(AttributionOptions{}.steps);
  m_steps->setToolTip(tr("Integrated Gradients steps: more steps, smaller completeness delta"));
  m_samples = new QSpinBox(this);
  m_samples->setRange(2, 4096);
  m_samples->setSingleStep(16);
  m_samples->setValue(AttributionOptions{}.samples);
  m_samples->setToolTip(tr("Shapley permutations (each one with its reverse)"));
  m_baseline = new QComboBox(this);
  const std::pair<AttributionBaseline, QString> baselines[] = {
      {AttributionBaseline::Zero,
       tr("Why does this user get this item at all? Every input is compared with nothing, so the "
          "attributions explain the whole score, including what every user gets (mostly popularity).")},
      {AttributionBaseline::MissingFields,
       tr("As Zero, except that each user attribute is compared with an unknown value: an attribute is "
          "credited only for what knowing it adds.")},
      {AttributionBaseline::AverageUser,
       tr("Why does this user, rather than a typical user, get this item? Every history row and user "
          "attribute is compared with the average of all the project's users, so the attributions explain "
          "the score minus the average user's score: the user's own part.")},
      {AttributionBaseline::SampledUsers,
       tr("Why does this user, rather than other users, get this item? Every input is compared with each of "
          "32 users of the project drawn at random in turn, and the attributions are averaged (expected "
          "gradients); the detail panel shows how much they spread over those users.")}};
  for (const auto& [baseline, tip] : baselines) {
    m_baseline->addItem(ExplanationDetail::baselineName(baseline), static_cast<int>(baseline));
    m_baseline->setItemData(m_baseline->count() - 1, tip, Qt::ToolTipRole);
  }
  m_baseline->setToolTip(
      tr("What the user is compared with: the attributions add up to the score minus the baseline's score "
         "(Integrated Gradients and Shapley only)"));
  m_contrast = new QComboBox(this);
  m_contrast->addItem(tr("Automatic"), static_cast<int>(ExplanationContrast::Automatic));
  m_contrast->setItemData(0,
                          tr("The whole scores, unless their explanations would all tell one story (every "
                             "row leading with the same history item, or explained alike): then the rows "
                             "are compared with each other, as with \"The other rows\"."),
                          Qt::ToolTipRole);
  m_contrast->addItem(tr("Nothing: the whole score"), static_cast<int>(ExplanationContrast::None));
  m_contrast->setItemData(1,
                          tr("Why does the user get each item at all? The attributions explain each score "
                             "as it is, including the part every item of the list shares."),
                          Qt::ToolTipRole);
  m_contrast->addItem(tr("The other rows"), static_cast<int>(ExplanationContrast::OtherItems));
  m_contrast->setItemData(2,
                          tr("Why this item rather than the others? Each score minus the mean score of the "
                             "other rows is explained: the history items named are those that lift this "
                             "item above the rest of the list."),
                          Qt::ToolTipRole);
  m_contrast->setCurrentIndex(m_contrast->findData(static_cast<int>(kDefaultContrast)));
  m_contrast->setToolTip(
      tr("What each item's score is compared with. A ranking is about differences: the attributions of a "
         "difference of scores are the differences of the items' attributions (every method)."));
  m_busy = new QProgressBar(this);
  m_busy->setMaximumWidth(140);
  m_busy->setTextVisible(false);
  m_cancel = new QPushButton(tr("Cancel"), this);
  keepSpaceWhenHidden(m_busy);
  keepSpaceWhenHidden(m_cancel);

  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(m_title, 1);
  row->addWidget(buddyLabel(tr("&Rows:"), m_rows, this));
  row->addWidget(m_rows);
  row->addSpacing(12);
  row->addWidget(buddyLabel(tr("M&ethod:"), m_method, this));
  row->addWidget(m_method);
  row->addWidget(buddyLabel(tr("&Steps:"), m_steps, this));
  row->addWidget(m_steps);
  row->addWidget(buddyLabel(tr("S&amples:"), m_samples, this));
  row->addWidget(m_samples);
  row->addWidget(buddyLabel(tr("&Baseline:"), m_baseline, this));
  row->addWidget(m_baseline);
  row->addWidget(buddyLabel(tr("C&ompare with:"), m_contrast, this));
  row->addWidget(m_contrast);
  row->addSpacing(12);
  row->addWidget(m_busy);
  row->addWidget(m_cancel);

  connect(m_rows, &QSpinBox::valueChanged, this, &ExplanationControls::changed);
  connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
    updateMethodControls();
    Q_EMIT changed();
  });
  connect(m_steps, &QSpinBox::valueChanged, this, &ExplanationControls::changed);
  connect(m_samples, &QSpinBox::valueChanged, this, &ExplanationControls::changed);
  connect(m_baseline, &QComboBox::currentIndexChanged, this, &ExplanationControls::changed);
  connect(m_contrast, &QComboBox::currentIndexChanged, this, &ExplanationControls::changed);
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    if (m_isBusy) {
      Q_EMIT cancelRequested();
    } else {
      Q_EMIT computeRequested();
    }
  });
  updateMethodControls();
  setBusy(false, false);
}

AttributionOptions ExplanationControls::options() const {
  AttributionOptions options;
  options.method = static_cast<AttributionMethod>(m_method->currentData().toInt());
  options.steps = m_steps->value();
  options.samples = m_samples->value();
  options.baseline = static_cast<AttributionBaseline>(m_baseline->currentData().toInt());
  options.contrast = static_cast<ExplanationContrast>(m_contrast->currentData().toInt());
  if (options.contrast == ExplanationContrast::Item) options.versusItem = m_versusItem;
  return options;
}

int ExplanationControls::rows() const {
  return m_rows->value();
}

void ExplanationControls::setTitle(const QString& richText) {
  m_title->setText(richText);
}

void ExplanationControls::setBusy(bool busy, bool offerCompute) {
  m_isBusy = busy;
  m_busy->setVisible(busy);
  m_busy->setRange(0, 0);
  m_cancel->setText(busy ? tr("Cancel") : tr("Compute"));
  m_cancel->setToolTip(busy ? tr("Stop the running computation") : tr("Explain the list again"));
  m_cancel->setVisible(busy || offerCompute);
}

void ExplanationControls::setProgress(double fraction) {
  m_busy->setRange(0, kProgressSteps);
  m_busy->setValue(static_cast<int>(fraction * kProgressSteps));
}

void ExplanationControls::setMethod(AttributionMethod method) {
  m_method->setCurrentIndex(m_method->findData(static_cast<int>(method)));
}

void ExplanationControls::setBaseline(AttributionBaseline baseline) {
  m_baseline->setCurrentIndex(m_baseline->findData(static_cast<int>(baseline)));
}

namespace {
constexpr int kGroupRole = Qt::UserRole + 1;  // the group field of an average-user entry, -1 for all users
}  // namespace

void ExplanationControls::setUserFields(const QStringList& fields) {
  if (fields == m_userFields) return;
  m_userFields = fields;
  const bool wasGroup = backgroundGroupField() >= 0;
  const QSignalBlocker block(m_baseline);
  for (int i = m_baseline->count() - 1; i >= 0; --i) {
    if (m_baseline->itemData(i, kGroupRole).isValid()) m_baseline->removeItem(i);
  }
  for (int f = 0; f < fields.size(); ++f) {
    m_baseline->addItem(tr("Average user of their %1").arg(fields[f]),
                        static_cast<int>(AttributionBaseline::AverageUser));
    const int at = m_baseline->count() - 1;
    m_baseline->setItemData(at, f, kGroupRole);
    m_baseline->setItemData(
        at,
        tr("Why does this user, rather than a typical user with the same %1, get this item? "
           "As the average user, averaged only over the users who share this user's %1.")
            .arg(fields[f]),
        Qt::ToolTipRole);
  }
  if (wasGroup)
    m_baseline->setCurrentIndex(m_baseline->findData(static_cast<int>(AttributionBaseline::Zero)));
}

int ExplanationControls::backgroundGroupField() const {
  const QVariant group = m_baseline->currentData(kGroupRole);
  return group.isValid() ? group.toInt() : -1;
}

void ExplanationControls::setBackgroundGroup(int field) {
  for (int i = 0; i < m_baseline->count(); ++i) {
    const QVariant group = m_baseline->itemData(i, kGroupRole);
    if (group.isValid() && group.toInt() == field) m_baseline->setCurrentIndex(i);
  }
}

void ExplanationControls::setContrast(ExplanationContrast contrast) {
  const int at = m_contrast->findData(static_cast<int>(contrast));
  if (at >= 0) m_contrast->setCurrentIndex(at);
}

void ExplanationControls::setVersusItem(std::int32_t item, const QString& title) {
  const QString text = tr("“%1”").arg(title);
  int at = m_contrast->findData(static_cast<int>(ExplanationContrast::Item));
  if (at < 0) {
    m_contrast->addItem(text, static_cast<int>(ExplanationContrast::Item));
    at = m_contrast->count() - 1;
  } else {
    m_contrast->setItemText(at, text);
  }
  m_contrast->setItemData(at,
                          tr("Why is each item above (or below) “%1”? Each score minus that item's score is "
                             "explained.")
                              .arg(title),
                          Qt::ToolTipRole);
  const bool same = m_versusItem == item && m_contrast->currentIndex() == at;
  m_versusItem = item;
  if (same) return;
  if (m_contrast->currentIndex() == at) {
    Q_EMIT changed();  // the entry stayed selected but names another item now
  } else {
    m_contrast->setCurrentIndex(at);
  }
}

void ExplanationControls::clearVersusItem() {
  const int at = m_contrast->findData(static_cast<int>(ExplanationContrast::Item));
  if (at < 0) return;
  const bool selected = m_contrast->currentIndex() == at;
  m_versusItem = -1;
  if (selected) m_contrast->setCurrentIndex(m_contrast->findData(static_cast<int>(kDefaultContrast)));
  m_contrast->removeItem(at);
}

std::int32_t ExplanationControls::versusItem() const {
  return m_contrast->findData(static_cast<int>(ExplanationContrast::Item)) >= 0 ? m_versusItem : -1;
}

void ExplanationControls::updateMethodControls() {
  const auto method = options().method;
  m_steps->setEnabled(method == AttributionMethod::IntegratedGradients);
  m_samples->setEnabled(method == AttributionMethod::Shapley);
  // Gradient × Input always starts from zero and occlusion removes fields instead.
  m_baseline->setEnabled(method == AttributionMethod::IntegratedGradients ||
                         method == AttributionMethod::Shapley);
}

}  // namespace reclens
