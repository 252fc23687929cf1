#include "dashboards/auditrunbar.h"

#include <algorithm>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

#include "services/auditservice.h"
#include "services/jobprogressbar.h"
#include "widgets/displayformat.h"

namespace reclens {

AuditRunBar::AuditRunBar(AuditService& service, QWidget* parent)
    : QWidget(parent),
      m_service(service),
      m_model(new QLabel(this)),
      m_k(new QSpinBox(this)),
      m_run(new QPushButton(QIcon(QStringLiteral(":/icons/reclens.svg")), tr("&Run Audit"), this)),
      m_rerankButton(new QToolButton(this)),
      m_penalty(new QDoubleSpinBox(this)),
      m_mmr(new QDoubleSpinBox(this)),
      m_cap(new QSpinBox(this)),
      m_calibration(new QDoubleSpinBox(this)),
      m_userAware(new QDoubleSpinBox(this)),
      m_provider(new QDoubleSpinBox(this)),
      m_providerField(new QComboBox(this)),
      m_providerTarget(new QComboBox(this)),
      m_progress(new JobProgressBar(this)),
      m_status(new QLabel(this)) {
  m_k->setRange(1, 200);
  m_k->setValue(20);
  m_k->setToolTip(tr("List length audited: every metric is computed @K"));
  m_run->setToolTip(
      tr("Recommend the top-K to every user with the model and compute accuracy, long-tail, exposure and "
         "fairness statistics (off the GUI thread; Cancel stops it)"));
  // The re-ranking knobs in a drop-down form, so that one model can be audited with and without a
  // re-ranker (save both runs and compare them).
  auto* form = new QWidget(this);
  auto* layout = new QFormLayout(form);
  m_penalty->setRange(0.0, 10.0);
  m_penalty->setSingleStep(0.1);
  m_penalty->setToolTip(
      tr("Popularity penalty λ: relevance − λ·log(1+popularity), as on the Recommendations "
         "page (0 = off)"));
  m_mmr->setRange(0.0, 1.0);
  m_mmr->setSingleStep(0.05);
  m_mmr->setToolTip(tr("MMR diversity weight in [0, 1] (0 = off)"));
  m_cap->setRange(0, 100);
  m_cap->setSpecialValueText(tr("no cap"));
  m_calibration->setRange(0.0, 1.0);
  m_calibration->setSingleStep(0.05);
  layout->addRow(tr("&Popularity penalty:"), m_penalty);
  layout->addRow(tr("&MMR diversity:"), m_mmr);
  layout->addRow(tr("Category ca&p:"), m_cap);
  layout->addRow(tr("Ca&libration:"), m_calibration);
  m_userAware->setRange(0.0, 10.0);
  m_userAware->setSingleStep(0.1);
  m_userAware->setToolTip(
      tr("User-aware popularity penalty λ: the popularity penalty scaled for each user by the share of "
         "their history outside the popular items (0 = off)"));
  layout->addRow(tr("&User-aware penalty:"), m_userAware);
  m_provider->setRange(0.0, 1.0);
  m_provider->setSingleStep(0.05);
  m_provider->setToolTip(
      tr("Provider fairness φ: bring each list's position-weighted exposure of the provider groups "
         "towards their target shares (0 = off)"));
  layout->addRow(tr("Provider &fairness:"), m_provider);
  m_providerField->setToolTip(tr("The provider groups: an item field, or the popularity tiers"));
  layout->addRow(tr("Provider &groups:"), m_providerField);
  m_providerTarget->addItem(tr("Share of the catalog"), static_cast<int>(ProviderTarget::CatalogShare));
  m_providerTarget->addItem(tr("Equal shares"), static_cast<int>(ProviderTarget::Equal));
  m_providerTarget->setToolTip(
      tr("What each provider group's exposure is brought towards: its share of the catalog's items, or "
         "the same share for every group"));
  layout->addRow(tr("Provider &target:"), m_providerTarget);
  auto* menu = new QMenu(m_rerankButton);
  auto* action = new QWidgetAction(menu);
  action->setDefaultWidget(form);
  menu->addAction(action);
  m_rerankButton->setMenu(menu);
  m_rerankButton->setPopupMode(QToolButton::InstantPopup);
  m_rerankButton->setToolTip(
      tr("Audit the re-ranked lists instead of the model's own: the model's candidates re-ranked with these "
         "knobs for every user (popularity counted on the audit's train part)"));
  for (auto* box : {m_penalty, m_mmr, m_calibration, m_userAware, m_provider})
    connect(box, &QDoubleSpinBox::valueChanged, this, &AuditRunBar::updateReRankButton);
  for (auto* box : {m_providerField, m_providerTarget})
    connect(box, &QComboBox::currentIndexChanged, this, &AuditRunBar::updateReRankButton);
  connect(m_cap, &QSpinBox::valueChanged, this, &AuditRunBar::updateReRankButton);
  updateReRankButton();
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_progress->attach(&m_service.job());
  auto* kLabel = new QLabel(tr("&K:"), this);
  kLabel->setBuddy(m_k);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(m_model);
  row->addSpacing(12);
  row->addWidget(kLabel);
  row->addWidget(m_k);
  row->addWidget(m_rerankButton);
  row->addWidget(m_run);
  row->addSpacing(12);
  row->addWidget(m_status, 1);
  row->addWidget(m_progress, 1);
  connect(m_run, &QPushButton::clicked, this, &AuditRunBar::run);
  const auto clearFailure = [this] {
    m_failure.clear();
    update();
  };
  connect(&m_service, &AuditService::sessionChanged, this, clearFailure);
  connect(&m_service, &AuditService::auditFinished, this, clearFailure);
  connect(&m_service, &AuditService::auditFailed, this, &AuditRunBar::showFailure);
  connect(&m_service.job(), &BackgroundJob::started, this, clearFailure);
  connect(&m_service.job(), &BackgroundJob::finished, this, &AuditRunBar::update);
  update();
}

ReRankOptions AuditRunBar::reRankOptions() const {
  ReRankOptions options;
  options.popularityPenalty = m_penalty->value();
  options.diversity = m_mmr->value();
  options.categoryCap = m_cap->value();
  options.calibration = m_calibration->value();
  options.userAwarePenalty = m_userAware->value();
  options.providerFairness = m_provider->value();
  if (m_providerField->currentIndex() >= 0)
    options.providerField = m_providerField->currentText().toStdString();
  options.providerTarget = static_cast<ProviderTarget>(m_providerTarget->currentData().toInt());
  return options;
}

void AuditRunBar::setReRankOptions(const ReRankOptions& options) {
  m_penalty->setValue(options.popularityPenalty);
  m_mmr->setValue(options.diversity);
  m_cap->setValue(options.categoryCap);
  m_calibration->setValue(options.calibration);
  m_userAware->setValue(options.userAwarePenalty);
  m_provider->setValue(options.providerFairness);
  if (options.providerFairness > 0.0) {
    const auto field = QString::fromStdString(options.providerField);
    if (m_providerField->findText(field) < 0) m_providerField->addItem(field);
    m_providerField->setCurrentText(field);
  }
  m_providerTarget->setCurrentIndex(
      std::max(0, m_providerTarget->findData(static_cast<int>(options.providerTarget))));
}

void AuditRunBar::updateReRankButton() {
  const auto options = reRankOptions();
  m_rerankButton->setText(options.active()
                              ? tr("Re-ranked: %1").arg(QString::fromStdString(describeReRank(options)))
                              : tr("Re-ranking: off"));
}

bool AuditRunBar::run() {
  auto config = m_service.defaultConfig(m_k->value());
  config.rerank = reRankOptions();
  return m_service.runAudit(config);
}

void AuditRunBar::update() {
  const auto& session = m_service.session();
  const bool running = m_service.job().isRunning();
  m_model->setText(session ? tr("Model: <b>%1</b>").arg(display::text(session->name()).toHtmlEscaped())
                           : tr("No model loaded"));
  m_run->setEnabled(session != nullptr && !running);
  // The category cap and calibration read the catalog's category field; without one they stay off.
  const bool categories = session && session->snapshot().dataset().items.fieldIndex("category") >= 0;
  const QString none = tr("The catalog has no category field");
  m_cap->setEnabled(categories);
  m_cap->setToolTip(categories ? tr("At most this many items of one category in a list") : none);
  m_calibration->setEnabled(categories);
  m_calibration->setToolTip(categories
                                ? tr("Calibrated re-ranking κ (Steck 2018): bring each list's category "
                                     "mix towards the user's history (0 = off)")
                                : none);
  if (!categories) {
    m_cap->setValue(0);
    m_calibration->setValue(0.0);
  }
  // The provider groups on offer: the tiers and the catalog's item fields (brand first chosen).
  QStringList providers{QStringLiteral("tier")};
  if (session) {
    for (const auto& field : session->snapshot().dataset().items.fields)
      providers.push_back(QString::fromStdString(field.name()));
  }
  if (providers.size() != m_providerField->count() ||
      std::any_of(providers.begin(), providers.end(),
                  [this](const QString& f) { return m_providerField->findText(f) < 0; })) {
    const auto previous = m_providerField->currentText();
    const QSignalBlocker block(m_providerField);
    m_providerField->clear();
    m_providerField->addItems(providers);
    int index = m_providerField->findText(previous);
    if (index < 0) index = m_providerField->findText(QStringLiteral("brand"));
    m_providerField->setCurrentIndex(std::max(index, 0));
  }
  m_status->setVisible(!running);
  m_status->setStyleSheet(m_failureIsError && !m_failure.isEmpty() ? QStringLiteral("color: #b00020;")
                                                                   : QString());
  if (!m_failure.isEmpty()) {
    m_status->setText(m_failure);
  } else if (!session) {
    m_status->setText(tr("Load or train a model on the Recommendations page to audit it."));
  } else if (const auto& outcome = m_service.outcome()) {
    const auto& result = outcome->result;
    const auto& rerank = result.partial.config.rerank;
    m_status->setText(
        tr("Audit @%1 of %2 users (%3 with a held-out item) in %4 s%5")
            .arg(result.partial.config.k)
            .arg(display::count(static_cast<qint64>(result.partial.users.size())),
                 display::count(static_cast<qint64>(result.evaluatedUsers)),
                 QLocale().toString(outcome->seconds, 'f', 1),
                 rerank.active() ? tr(" · re-ranked: %1").arg(QString::fromStdString(describeReRank(rerank)))
                                 : QString()));
    m_status->setToolTip(
        tr("Split %1: %2 (the split the model was trained on)")
            .arg(display::text(outcome->splitSpec.name()), display::text(outcome->splitSpec.description())));
  } else {
    m_status->setText(tr("Not audited yet: press Run Audit."));
  }
}

void AuditRunBar::showFailure(const QString& message, bool cancelled) {
  m_failure = message;
  m_failureIsError = !cancelled;
  update();
}

}  // namespace reclens
