#include "recommendations/recommendationspage.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "explanation/reasonline.h"
#include "recommendations/modelinfodialog.h"
#include "recommendations/recommendationmodel.h"
#include "recommendations/rerankcontrols.h"
#include "services/explanationservice.h"
#include "services/recomputeservice.h"
#include "widgets/displayformat.h"
#include "widgets/tierbadgedelegate.h"

namespace reclens {

namespace {
constexpr int kHistoryShown = 50;
constexpr int kMaxTitleWidth = 240;       // pixels; the "Why" column takes the rest
constexpr std::size_t kMaxReasons = 100;  // rows of a long list that get a reason line
}  // namespace

RecommendationsPage::RecommendationsPage(ComputeDevice device, QWidget* parent)
    : QWidget(parent),
      m_device(std::move(device)),
      m_service(new RecomputeService(this)),
      m_reasons(new ExplanationService(this)),
      m_model(new RecommendationModel(this)),
      m_sorted(new QSortFilterProxyModel(this)),
      m_stack(new QStackedWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);
  m_stack->addWidget(buildEmptyState());
  m_stack->addWidget(buildControls());
  connect(m_service, &RecomputeService::resultReady, this, &RecommendationsPage::showResult);
  connect(m_reasons, &ExplanationService::explanationReady, this, [this](const ExplanationResult& result) {
    if (result.error || !showsModelOf(result.request.session)) return;
    QStringList reasons;
    QStringList tooltips;
    for (const auto& item : result.explanation.items) {
      // What sets the item apart from the rest of the list says more than the fields every row shares.
      const QString distinctive = ReasonLine::distinctiveBrief(item.reason);
      const QString brief = ReasonLine::brief(item.reason);
      reasons << (!distinctive.isEmpty() ? distinctive
                  : !brief.isEmpty()     ? brief
                                         : ReasonLine::text(item.reason));
      const QString full = ReasonLine::distinctive(item.reason);
      tooltips << (full.isEmpty() ? ReasonLine::text(item.reason)
                                  : ReasonLine::text(item.reason) + QLatin1Char('\n') + full);
    }
    m_model->setReasons(result.request.items, reasons, tooltips);
    if (!result.split.empty()) m_model->setSplits(result.request.items, result.split);
  });
  updateEmptyState();
}

RecommendationsPage::~RecommendationsPage() = default;

QWidget* RecommendationsPage::buildEmptyState() {
  auto* page = new QWidget(this);
  m_emptyText = new QLabel(page);
  m_emptyText->setAlignment(Qt::AlignCenter);
  m_emptyText->setWordWrap(true);
  m_train = new QPushButton(QIcon(QStringLiteral(":/icons/demo.svg")), tr("&Train a Model…"), page);
  m_train->setToolTip(
      tr("Train a built-in model on this project, save it beside the project and register it"));
  connect(m_train, &QPushButton::clicked, this, &RecommendationsPage::chooseAndTrain);
  auto* column = new QVBoxLayout(page);
  column->addStretch(1);
  column->addWidget(m_emptyText);
  column->addWidget(m_train, 0, Qt::AlignHCenter);
  column->addStretch(2);
  return page;
}

QWidget* RecommendationsPage::buildControls() {
  auto* page = new QWidget(this);
  m_modelBox = new QComboBox(page);
  m_modelBox->setToolTip(tr("Models registered with the project, newest first"));
  m_modelBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_userEdit = new QLineEdit(page);
  m_userEdit->setPlaceholderText(tr("User id…"));
  m_userEdit->setToolTip(tr("Type a user id (suggestions match anywhere in the id) and press Enter"));
  m_userEdit->setClearButtonEnabled(true);
  auto* completer = new QCompleter(new QStringListModel(m_userEdit), m_userEdit);
  completer->setFilterMode(Qt::MatchContains);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  m_userEdit->setCompleter(completer);
  m_k = new QSpinBox(page);
  m_k->setRange(1, 500);
  m_k->setValue(20);
  m_k->setToolTip(tr("Length of the list"));
  auto* trainMore = new QPushButton(tr("Train…"), page);
  trainMore->setToolTip(tr("Train another model for this project"));
  connect(trainMore, &QPushButton::clicked, this, &RecommendationsPage::chooseAndTrain);

  auto* pickers = new QHBoxLayout;
  pickers->addWidget(new QLabel(tr("&Model:"), page));
  qobject_cast<QLabel*>(pickers->itemAt(0)->widget())->setBuddy(m_modelBox);
  m_info = new QPushButton(tr("&About Model…"), page);
  m_info->setToolTip(tr("The chosen model's file, kind and learning curve: which epoch it keeps and why"));
  connect(m_info, &QPushButton::clicked, this, &RecommendationsPage::showModelInfo);
  pickers->addWidget(m_modelBox);
  pickers->addWidget(m_info);
  pickers->addWidget(trainMore);
  pickers->addSpacing(16);
  auto* userLabel = new QLabel(tr("&User:"), page);
  userLabel->setBuddy(m_userEdit);
  pickers->addWidget(userLabel);
  pickers->addWidget(m_userEdit, 1);
  auto* kLabel = new QLabel(tr("&K:"), page);
  kLabel->setBuddy(m_k);
  pickers->addWidget(kLabel);
  pickers->addWidget(m_k);

  m_knobs = new ReRankControls(page);

  m_message = new QLabel(page);
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_message->hide();
  m_timing = new QLabel(page);
  m_timing->setObjectName(QStringLiteral("timing"));

  m_table = new QTableView(page);
  m_sorted->setSourceModel(m_model);
  m_sorted->setSortRole(RecommendationModel::kSortRole);
  m_table->setModel(m_sorted);
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(RecommendationModel::RankColumn, Qt::AscendingOrder);
  m_table->setItemDelegateForColumn(RecommendationModel::TierColumn,
                                    new TierBadgeDelegate(RecommendationModel::kTierRole, m_table));
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setAlternatingRowColors(true);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(RecommendationModel::ReasonColumn, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(RecommendationModel::TierColumn,
                                                    QHeaderView::ResizeToContents);
  buildCompareAction();
  m_history = new QListWidget(page);
  m_history->setAlternatingRowColors(true);
  m_history->setTextElideMode(Qt::ElideRight);
  m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_history->setToolTip(tr("Items the user interacted with, newest first"));
  m_historyTitle = new QLabel(tr("History"), page);
  m_historyTitle->setWordWrap(true);  // "History of <user>: N items, newest first" in a narrow side panel
  auto* side = new QWidget(page);
  auto* sideColumn = new QVBoxLayout(side);
  sideColumn->setContentsMargins(0, 0, 0, 0);
  sideColumn->addWidget(m_historyTitle);
  sideColumn->addWidget(m_history, 1);
  auto* splitter = new QSplitter(Qt::Horizontal, page);
  splitter->addWidget(m_table);
  splitter->addWidget(side);
  // The list gets most of the width so the "Why" column can show its reason; the history is a glance.
  splitter->setStretchFactor(0, 5);
  splitter->setStretchFactor(1, 1);
  splitter->setChildrenCollapsible(false);
  side->setMinimumWidth(160);

  auto* column = new QVBoxLayout(page);
  column->addLayout(pickers);
  column->addWidget(m_knobs);
  column->addWidget(m_message);
  column->addWidget(splitter, 1);
  column->addWidget(m_timing);

  connect(m_modelBox, &QComboBox::activated, this, &RecommendationsPage::loadSelectedModel);
  connect(m_userEdit, &QLineEdit::returnPressed, this, &RecommendationsPage::userEntered);
  connect(completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& id) {
    m_userEdit->setText(id);
    userEntered();
  });
  connect(m_k, &QSpinBox::valueChanged, this, &RecommendationsPage::requestRecompute);
  connect(m_knobs, &ReRankControls::changed, this, &RecommendationsPage::requestRecompute);
  return page;
}

void RecommendationsPage::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  ++m_project;
  m_snapshot = std::move(snapshot);
  m_session.reset();
  m_model->clear();
  m_history->clear();
  m_timing->clear();
  m_user = -1;
  QStringList ids;
  if (m_snapshot) {
    // Most active users first, as on the Users page: the first suggestion is the default user.
    std::vector<std::int32_t> order(m_snapshot->userCount());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](std::int32_t a, std::int32_t b) {
      return m_snapshot->userInteractions(std::size_t(a)) > m_snapshot->userInteractions(std::size_t(b));
    });
    ids.reserve(static_cast<qsizetype>(order.size()));
    for (const auto u : order) ids.push_back(display::text(m_snapshot->dataset().users.ids[std::size_t(u)]));
    if (!order.empty()) m_user = order.front();
  }
  // Catalogs without categories or brands (e.g. Online Retail) get no empty columns.
  const auto hasField = [this](const char* name) {
    return m_snapshot && m_snapshot->dataset().items.fieldIndex(name) >= 0;
  };
  m_table->setColumnHidden(RecommendationModel::CategoryColumn, !hasField("category"));
  m_table->setColumnHidden(RecommendationModel::BrandColumn, !hasField("brand"));
  QStringList providers{QStringLiteral("tier")};
  if (m_snapshot) {
    for (const auto& field : m_snapshot->dataset().items.fields)
      providers.push_back(display::text(field.name()));
  }
  m_knobs->setProviderFields(providers);
  static_cast<QStringListModel*>(m_userEdit->completer()->model())->setStringList(ids);
  m_userEdit->setText(ids.isEmpty() ? QString() : ids.front());
  reloadModels({});
}

void RecommendationsPage::reloadModels(const QString& select) {
  m_records.clear();
  m_modelBox->clear();
  showMessage({}, false);
  if (m_snapshot) {
    auto models = ModelSession::registeredModels(m_snapshot->projectPath());
    if (models) {
      m_records = std::move(models).value();
    } else {
      showMessage(tr("Could not list the project's models: %1").arg(display::text(models.error().message)),
                  true);
    }
  }
  for (const auto& record : m_records) {
    const QString name = display::text(record.name);
    m_modelBox->addItem(name, name);
    m_modelBox->setItemData(m_modelBox->count() - 1, ModelInfoDialog::summary(record), Qt::ToolTipRole);
  }
  if (!select.isEmpty()) m_modelBox->setCurrentIndex(std::max(0, m_modelBox->findData(select)));
  updateEmptyState();
  if (!m_records.empty()) loadSelectedModel();
}

void RecommendationsPage::updateEmptyState() {
  const bool ready = m_snapshot && !m_records.empty();
  m_stack->setCurrentIndex(ready ? 1 : 0);
  m_train->setVisible(m_snapshot != nullptr);
  m_emptyText->setText(m_snapshot
                           ? tr("<p><b>This project has no trained model yet.</b></p><p>Train one to see "
                                "what it recommends to each user.</p>")
                           : tr("Open a project to see recommendations."));
}

void RecommendationsPage::loadSelectedModel() {
  const int index = m_modelBox->currentIndex();
  if (!m_snapshot || index < 0 || index >= static_cast<int>(m_records.size())) return;
  const auto record = m_records[static_cast<std::size_t>(index)];
  if (m_session && m_session->name() == record.name && m_session->sourcePath() == record.path) return;
  loadModel(record, {});
}

ModelInfoDialog* RecommendationsPage::showModelInfo() {
  const int index = m_modelBox->currentIndex();
  if (index < 0 || index >= static_cast<int>(m_records.size())) return nullptr;
  auto* dialog = new ModelInfoDialog(m_records[static_cast<std::size_t>(index)], this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
  return dialog;
}

void RecommendationsPage::loadModel(const ProjectStore::ModelRecord& record,
                                    const std::string& confirmedSha256) {
  const QString file = QFileInfo(display::text(record.path)).fileName();
  showMessage(tr("Loading model %1…").arg(file), false);
  auto snapshot = m_snapshot;
  const auto project = m_project;
  const auto device = m_device;
  const bool started = m_job.start<ModelSession::Loaded>(
      tr("Loading model %1").arg(file),
      [snapshot, record, device, confirmedSha256](const TaskControl&) {
        return ModelSession::loadIfTrusted(snapshot, record, device, confirmedSha256);
      },
      [this, project, file, record](Result<ModelSession::Loaded> result) {
        if (project != m_project) return;  // another project was opened meanwhile
        if (result && !result->session) {
          // Asked once the job has finished, so that the dialog does not stand inside its callback.
          QMetaObject::invokeMethod(
              this,
              [this, project, record, trust = result->trust] {
                if (project == m_project) askToLoad(record, trust);
              },
              Qt::QueuedConnection);
          return;
        }
        if (!result) {
          m_session.reset();
          m_model->clear();
          const QString message =
              tr("Could not load the model file %1: %2").arg(file, display::text(result.error().message));
          showMessage(message, true);
          Q_EMIT modelFailed(message);
          return;
        }
        showMessage({}, false);
        m_session = std::move(result).value().session;
        Q_EMIT modelLoaded();
        requestRecompute();
      });
  if (!started) showMessage(tr("Please wait for the current operation"), false);
}

void RecommendationsPage::askToLoad(const ProjectStore::ModelRecord& record, const ModelTrust& trust) {
  const QString question = ModelTrustPrompt::question(trust, record);
  const bool yes = m_confirmModel ? m_confirmModel(question) : ModelTrustPrompt::ask(this, question);
  // Only these bytes are agreed to: if the file changes again before it is read, the user is asked again.
  if (yes) return loadModel(record, trust.sha256);
  m_session.reset();
  m_model->clear();
  const QString message =
      tr("The model %1 was not loaded: %2")
          .arg(display::text(record.name), display::text(modelTrustReason(trust, record)));
  showMessage(message, true);
  Q_EMIT modelFailed(message);
}

void RecommendationsPage::showUser(int user) {
  if (!m_snapshot || user < 0 || static_cast<std::size_t>(user) >= m_snapshot->userCount()) return;
  m_user = user;
  m_userEdit->setText(display::text(m_snapshot->dataset().users.ids[static_cast<std::size_t>(user)]));
  requestRecompute();
}

void RecommendationsPage::userEntered() {
  if (!m_snapshot) return;
  const std::string id = m_userEdit->text().trimmed().toStdString();
  const auto& ids = m_snapshot->dataset().users.ids;
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) {
    showMessage(tr("There is no user with the id “%1”.").arg(m_userEdit->text().trimmed()), true);
    return;
  }
  showMessage({}, false);
  showUser(static_cast<int>(it - ids.begin()));
}

void RecommendationsPage::requestRecompute() {
  if (!m_session || m_user < 0) return;
  RecomputeRequest request;
  request.session = m_session;
  request.user = m_user;
  request.k = m_k->value();
  request.reRank = m_knobs->options();
  m_service->request(std::move(request));
}

void RecommendationsPage::showResult(const RecomputeResult& result) {
  if (!showsModelOf(result.request.session)) return;  // made with a model no longer shown
  const auto& snapshot = m_session->snapshot();
  const auto& items = snapshot.dataset().items;
  const QString user =
      display::text(snapshot.dataset().users.ids[static_cast<std::size_t>(result.request.user)]);
  if (result.error) {
    m_model->clear();
    showMessage(tr("Could not recommend for user %1: %2").arg(user, display::text(result.error->message)),
                true);
  } else {
    if (m_message->property("error").toBool()) showMessage({}, false);
    // After live events the rows new to the list are marked for a moment.
    m_model->setList(m_snapshot, result.items, std::exchange(m_highlightNext, false));
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(RecommendationModel::TitleColumn,
                            std::min(m_table->columnWidth(RecommendationModel::TitleColumn), kMaxTitleWidth));
    m_table->horizontalHeader()->setSectionResizeMode(RecommendationModel::ReasonColumn,
                                                      QHeaderView::Stretch);
    requestReasons(result.request.user);
  }
  m_history->clear();
  for (std::size_t n = 0; n < result.history.size() && n < std::size_t(kHistoryShown); ++n) {
    const auto item = static_cast<std::size_t>(result.history[n]);
    if (item >= items.size()) continue;
    auto* entry = new QListWidgetItem(
        tr("%1  %2").arg(display::text(items.ids[item]), display::text(items.titles[item])), m_history);
    entry->setToolTip(display::text(items.titles[item]));
  }
  m_history->scrollToTop();
  const auto total = static_cast<std::int64_t>(result.history.size());
  m_historyTitle->setText(
      total > kHistoryShown
          ? tr("History of %1: newest %2 of %3 items").arg(user).arg(kHistoryShown).arg(display::count(total))
          : tr("History of %1: %2 items, newest first").arg(user, display::count(total)));
  QString timing = tr("%1 · computed in %2 ms on %3")
                       .arg(display::text(m_session->name()), QLocale().toString(result.milliseconds, 'f', 1),
                            display::text(m_session->model()->device().description));
  if (!result.error && std::isfinite(result.miscalibration)) {
    timing += QStringLiteral(" · ") +
              (std::isfinite(result.miscalibrationUnranked)
                   ? tr("category miscalibration %1 (model's own list %2)")
                         .arg(QLocale().toString(result.miscalibration, 'f', 3),
                              QLocale().toString(result.miscalibrationUnranked, 'f', 3))
                   : tr("category miscalibration %1").arg(QLocale().toString(result.miscalibration, 'f', 3)));
  }
  m_timing->setText(timing);
  m_timing->setToolTip(
      tr("Category miscalibration: Steck's KL divergence between the categories of the user's "
         "history and of this list (0 = the same mix; docs/metrics.md). The Calibration knob "
         "lowers it."));
  Q_EMIT resultShown(result);
}

void RecommendationsPage::requestReasons(std::int32_t user) {
  // The personal part of each score: Integrated Gradients against the average user (docs/explanations.md,
  // "The average-user baseline"); the closed form takes well under a millisecond for a list, fast enough
  // to follow every recomputation.
  ExplanationRequest request;
  request.session = m_session;
  request.user = user;
  request.items = m_model->items();
  if (request.items.empty() || request.items.size() > kMaxReasons) return;
  request.options.method = AttributionMethod::IntegratedGradients;
  request.options.baseline = AttributionBaseline::AverageUser;
  m_reasons->explain(std::move(request));
}

void RecommendationsPage::sortByPersonalPart() {
  m_table->sortByColumn(RecommendationModel::PersonalColumn, Qt::DescendingOrder);
}

void RecommendationsPage::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setProperty("error", error);
  m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  m_message->setVisible(!text.isEmpty());
}

}  // namespace reclens
