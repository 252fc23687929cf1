#include "simulation/simulationslateview.h"

#include <QComboBox>
#include <QCompleter>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/displayformat.h"

namespace reclens {

namespace {
enum Column { RankColumn, ItemColumn, TitleColumn, CategoryColumn, TakenColumn, ColumnCount };
}  // namespace

SimulationSlateView::SimulationSlateView(QWidget* parent)
    : QWidget(parent),
      m_policy(new QComboBox(this)),
      m_round(new QSpinBox(this)),
      m_userEdit(new QLineEdit(this)),
      m_userIds(new QStringListModel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_status(new QLabel(this)),
      m_openRecs(new QPushButton(tr("Open in &Recommendations"), this)),
      m_explain(new QPushButton(tr("E&xplain Item"), this)) {
  m_policy->setToolTip(tr("The policy whose slate is listed."));
  m_policy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_round->setRange(1, 1);
  m_round->setToolTip(tr("The round whose slate is listed (click a point of the plot to choose it)."));
  m_userEdit->setPlaceholderText(tr("user id"));
  m_userEdit->setToolTip(tr("External id of a user shown a slate in that round; press Enter to list it."));
  auto* completer = new QCompleter(m_userIds, this);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setFilterMode(Qt::MatchContains);
  m_userEdit->setCompleter(completer);
  m_table->setHorizontalHeaderLabels({tr("Rank"), tr("Item"), tr("Title"), tr("Category"), tr("Taken")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
  m_table->setToolTip(tr("The slate in the order shown; a tick marks an item the simulated user took."));
  m_status->setWordWrap(true);
  m_openRecs->setToolTip(tr("Show this user's current recommendations on the Recommendations page."));
  m_explain->setToolTip(tr("Explain the selected item for this user on the Explanation page."));

  auto* controls = new QHBoxLayout;
  for (auto [text, widget] : {std::pair{tr("&Policy:"), static_cast<QWidget*>(m_policy)},
                              std::pair{tr("R&ound:"), static_cast<QWidget*>(m_round)},
                              std::pair{tr("&User:"), static_cast<QWidget*>(m_userEdit)}}) {
    auto* label = new QLabel(text, this);
    label->setBuddy(widget);
    controls->addWidget(label);
    controls->addWidget(widget, widget == m_userEdit ? 1 : 0);
  }
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_status, 1);
  buttons->addWidget(m_openRecs);
  buttons->addWidget(m_explain);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(controls);
  column->addWidget(m_table, 1);
  column->addLayout(buttons);

  connect(m_policy, &QComboBox::currentIndexChanged, this, [this] {
    refreshUsers();
    refresh();
  });
  connect(m_round, &QSpinBox::valueChanged, this, [this] {
    refreshUsers();
    refresh();
  });
  connect(m_userEdit, &QLineEdit::returnPressed, this, [this] { showUser(m_userEdit->text().trimmed()); });
  connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
          [this](const QString& id) { showUser(id); });
  connect(m_table, &QTableWidget::itemSelectionChanged, this, &SimulationSlateView::updateButtons);
  connect(m_openRecs, &QPushButton::clicked, this, [this] {
    if (m_user >= 0) Q_EMIT recommendationsRequested(m_user);
  });
  connect(m_explain, &QPushButton::clicked, this, [this] {
    if (m_user < 0 || !m_slate) return;
    const int row = m_table->currentRow();
    const int item = row >= 0 && row < static_cast<int>(m_slate->items.size())
                         ? m_slate->items[static_cast<std::size_t>(row)]
                         : -1;
    Q_EMIT explanationRequested(m_user, item);
  });
  setData(nullptr, nullptr);
}

void SimulationSlateView::setData(std::shared_ptr<const sim::SimResult> result,
                                  std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_result = std::move(result);
  m_snapshot = std::move(snapshot);
  m_user = -1;
  {
    const QSignalBlocker blockPolicy(m_policy), blockRound(m_round);
    m_policy->clear();
    if (m_result) {
      for (const auto& run : m_result->runs) m_policy->addItem(display::text(run.policy));
      m_round->setRange(1, std::max(1, m_result->config.rounds));
    }
  }
  refreshUsers();
  refresh();
}

const std::vector<sim::ShownSlate>* SimulationSlateView::roundSlates() const {
  if (!m_result || !m_snapshot || m_policy->currentIndex() < 0) return nullptr;
  const auto& run = m_result->runs[static_cast<std::size_t>(m_policy->currentIndex())];
  if (run.seeds.empty()) return nullptr;
  const auto& slates = run.seeds.front().slates;
  const auto round = static_cast<std::size_t>(m_round->value() - 1);
  return round < slates.size() ? &slates[round] : nullptr;
}

void SimulationSlateView::showRound(int policy, int round) {
  if (!m_result) return;
  const QSignalBlocker blockPolicy(m_policy), blockRound(m_round);
  m_policy->setCurrentIndex(policy);
  m_round->setValue(round);
  refreshUsers();
  refresh();
}

void SimulationSlateView::refreshUsers() {
  QStringList ids;
  const auto* slates = roundSlates();
  if (slates) {
    const auto& userIds = m_snapshot->dataset().users.ids;
    for (const auto& s : *slates) ids << display::text(userIds[static_cast<std::size_t>(s.user)]);
  }
  m_userIds->setStringList(ids);
  // Keep the chosen user when they are in this round too, else take the round's first user.
  const bool kept = slates && std::any_of(slates->begin(), slates->end(),
                                          [this](const sim::ShownSlate& s) { return s.user == m_user; });
  if (!kept) m_user = slates && !slates->empty() ? slates->front().user : -1;
  m_userEdit->setText(m_user >= 0 ? display::text(m_snapshot->dataset().users.ids[std::size_t(m_user)])
                                  : QString());
}

bool SimulationSlateView::showUser(const QString& id) {
  const auto* slates = roundSlates();
  if (slates) {
    const auto& userIds = m_snapshot->dataset().users.ids;
    const std::string wanted = id.toStdString();
    for (const auto& s : *slates) {
      if (userIds[static_cast<std::size_t>(s.user)] == wanted) {
        m_user = s.user;
        m_userEdit->setText(id);
        refresh();
        return true;
      }
    }
  }
  refresh();
  m_status->setText(tr("User %1 was not shown a slate in round %2.").arg(id).arg(m_round->value()));
  return false;
}

void SimulationSlateView::refresh() {
  m_table->setRowCount(0);
  m_slate = nullptr;
  const auto* slates = roundSlates();
  const bool have = m_result && m_snapshot;
  m_policy->setEnabled(have);
  m_round->setEnabled(have);
  m_userEdit->setEnabled(slates != nullptr);
  if (!m_result) {
    m_status->setText(tr("Run a simulation to see the slates of its rounds."));
  } else if (!m_snapshot || m_result->items != m_snapshot->itemCount() ||
             m_result->users != m_snapshot->userCount()) {
    m_status->setText(tr("This result belongs to another project; its slates cannot be shown here."));
  } else if (!slates) {
    m_status->setText(
        tr("The slates are not kept in a saved result; run the simulation again to see "
           "them."));
  } else {
    for (const auto& s : *slates) {
      if (s.user == m_user) m_slate = &s;
    }
  }
  if (m_slate) {
    const auto& items = m_snapshot->dataset().items;
    const int category = items.fieldIndex("category");
    int taken = 0;
    m_table->setRowCount(static_cast<int>(m_slate->items.size()));
    for (std::size_t r = 0; r < m_slate->items.size(); ++r) {
      const auto item = static_cast<std::size_t>(m_slate->items[r]);
      const bool took = r < m_slate->taken.size() && m_slate->taken[r] != 0;
      taken += took ? 1 : 0;
      const QString cells[ColumnCount] = {
          QString::number(r + 1), display::text(items.ids[item]),
          item < items.titles.size() ? display::text(items.titles[item]) : QString(),
          category >= 0 ? display::text(items.fields[static_cast<std::size_t>(category)].valueAt(item))
                        : QString(),
          took ? QStringLiteral("✓") : QString()};
      for (int c = 0; c < ColumnCount; ++c) {
        auto* cell = new QTableWidgetItem(cells[c]);
        if (c == RankColumn || c == TakenColumn) cell->setTextAlignment(Qt::AlignCenter);
        if (took) {
          QFont bold = cell->font();
          bold.setBold(true);
          cell->setFont(bold);
        }
        m_table->setItem(static_cast<int>(r), c, cell);
      }
    }
    const auto& seed = m_result->runs[static_cast<std::size_t>(m_policy->currentIndex())].seeds.front();
    m_status->setText(tr("Round %1, policy %2, seed %3: %4 of %n item(s) taken.", nullptr,
                         static_cast<int>(m_slate->items.size()))
                          .arg(m_round->value())
                          .arg(m_policy->currentText())
                          .arg(seed.seed)
                          .arg(taken));
  } else if (slates && m_user < 0) {
    m_status->setText(tr("No user was shown a slate in this round."));
  }
  updateButtons();
}

void SimulationSlateView::updateButtons() {
  m_openRecs->setEnabled(m_user >= 0 && m_slate != nullptr);
  m_explain->setEnabled(m_user >= 0 && m_slate != nullptr && m_table->currentRow() >= 0);
}

}  // namespace reclens
