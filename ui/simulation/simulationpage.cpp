#include "simulation/simulationpage.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "plots/plotexport.h"
#include "services/jobprogressbar.h"
#include "sim/simjson.h"
#include "sim/simreport.h"
#include "simulation/simulationform.h"
#include "simulation/simulationplot.h"
#include "simulation/simulationservice.h"
#include "simulation/simulationslateview.h"
#include "simulation/simulationsummarymodel.h"
#include "store/projectstore.h"
#include "widgets/displayformat.h"
#include "widgets/errormessage.h"

namespace reclens {

namespace {
// Live rounds are drawn at most this often, so that a fast run does not redraw for every round.
constexpr int kRedrawMs = 100;
}  // namespace

SimulationPage::SimulationPage(QWidget* parent)
    : QWidget(parent),
      m_service(new SimulationService(this)),
      m_form(new SimulationForm(this)),
      m_plot(new SimulationPlot(this)),
      m_summary(new SimulationSummaryModel(this)),
      m_table(new QTableView(this)),
      m_slates(new SimulationSlateView(this)),
      m_tabs(new QTabWidget(this)),
      m_run(new QPushButton(QIcon(QStringLiteral(":/icons/reclens.svg")), tr("&Run Simulation"), this)),
      m_progress(new JobProgressBar(this)),
      m_model(new QLabel(this)),
      m_status(new QLabel(this)),
      m_about(new QLabel(this)),
      m_redraw(new QTimer(this)) {
  m_run->setToolTip(tr("Play the rounds for every checked policy off the GUI thread; Cancel stops it."));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_about->setWordWrap(true);
  m_about->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_progress->attach(&m_service->job());
  m_table->setModel(m_summary);
  m_table->setToolTip(tr("Final round of each policy: mean ± half-width of the 95% interval over seeds."));
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  plotexport::installTableMenu(m_table, QStringLiteral("simulation-final"));
  auto* figures = new QWidget(this);
  auto* figuresColumn = new QVBoxLayout(figures);
  figuresColumn->addWidget(m_table, 1);
  figuresColumn->addWidget(m_about);
  m_tabs->addTab(figures, tr("Final Figures"));
  m_tabs->addTab(m_slates, tr("Round Slates"));
  m_redraw->setSingleShot(true);
  m_redraw->setInterval(kRedrawMs);

  auto* top = new QHBoxLayout;
  top->addWidget(m_model);
  top->addWidget(m_run);
  top->addWidget(m_status, 1);
  top->addWidget(m_progress, 1);
  top->addWidget(buildFileButton());

  auto* results = new QSplitter(Qt::Vertical, this);
  results->addWidget(m_plot);
  results->addWidget(m_tabs);
  results->setStretchFactor(0, 3);
  results->setStretchFactor(1, 2);

  auto* body = new QHBoxLayout;
  body->addWidget(buildSettings());
  body->addWidget(results, 1);
  auto* column = new QVBoxLayout(this);
  column->addLayout(top);
  column->addLayout(body, 1);

  connect(m_run, &QPushButton::clicked, this, &SimulationPage::run);
  connect(m_service, &SimulationService::sessionChanged, this, [this] {
    m_failure.clear();
    offerTruths();
    showShown();
  });
  connect(m_service, &SimulationService::runStarted, this, [this] {
    m_failure.clear();
    showShown();
  });
  connect(m_service, &SimulationService::roundReceived, this, [this] {
    if (!m_redraw->isActive()) m_redraw->start();
  });
  connect(m_redraw, &QTimer::timeout, this, [this] {
    if (const auto shown = m_service->shown()) m_plot->showResult(shown);
  });
  connect(m_service, &SimulationService::resultChanged, this, &SimulationPage::showShown);
  connect(m_service, &SimulationService::runFailed, this, &SimulationPage::showFailure);
  connect(&m_service->job(), &BackgroundJob::finished, this, &SimulationPage::updateStatus);
  connect(m_plot, &SimulationPlot::pointClicked, this, [this](int policy, int round) {
    m_slates->showRound(policy, round);
    m_tabs->setCurrentWidget(m_slates);
  });
  connect(m_slates->roundBox(), &QSpinBox::valueChanged, m_plot, &SimulationPlot::markRound);
  connect(m_slates, &SimulationSlateView::recommendationsRequested, this,
          &SimulationPage::recommendationsRequested);
  connect(m_slates, &SimulationSlateView::explanationRequested, this, &SimulationPage::explanationRequested);
  showShown();
}

SimulationPage::~SimulationPage() = default;

QWidget* SimulationPage::buildSettings() {
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(m_form);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(m_form->sizeHint().width() + 24);
  scroll->setMaximumWidth(m_form->sizeHint().width() + 60);
  return scroll;
}

QToolButton* SimulationPage::buildFileButton() {
  auto* button = new QToolButton(this);
  button->setText(tr("Result"));
  button->setToolTip(tr("Save the shown result as JSON, or open one to view it without re-running."));
  button->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(button);
  QAction* save = menu->addAction(tr("&Save Result…"), this, &SimulationPage::chooseSavePath);
  save->setToolTip(tr("Write the finished run (configuration, every seed's rounds, summary) as JSON."));
  QAction* report = menu->addAction(tr("Save HTML &Report…"), this, &SimulationPage::chooseReportPath);
  report->setToolTip(
      tr("Write a self-contained HTML report: the configuration, the truth, the final figures with "
         "intervals, the group gaps and the charts, stamped with the project, model and versions."));
  QAction* open = menu->addAction(tr("&Open Result…"), this, &SimulationPage::chooseOpenPath);
  open->setToolTip(tr("Show a run saved earlier here or by reclens-cli simulate --out."));
  menu->setToolTipsVisible(true);
  connect(menu, &QMenu::aboutToShow, this, [this, save, report] {
    const bool finished = m_service->result() != nullptr && m_service->shown() == m_service->result();
    save->setEnabled(finished);
    report->setEnabled(finished);
  });
  button->setMenu(menu);
  return button;
}

void SimulationPage::setSession(std::shared_ptr<const ModelSession> session) {
  m_service->setSession(std::move(session));
}

bool SimulationPage::run() {
  auto request = m_form->request();
  if (!request) {
    showFailure(tr("Check the settings: %1").arg(display::text(request.error().message)), false);
    return false;
  }
  if (!m_service->run(request.value())) {
    showFailure(m_service->session() ? tr("A simulation is already running.")
                                     : tr("Load or train a model on the Recommendations page first."),
                false);
    return false;
  }
  return true;
}

namespace {

Status writeWhole(const QString& path, const QByteArray& bytes, const char* what) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    return makeError(
        ErrorCode::Io,
        std::string("cannot write the simulation ") + what + ": " + file.errorString().toStdString(),
        path.toStdString());
  return Status::success();
}

}  // namespace

Status SimulationPage::saveResult(const QString& path) const {
  const auto& result = m_service->result();
  if (!result || m_service->shown() != result)
    return makeError(ErrorCode::InvalidArgument, "there is no finished simulation to save");
  return writeWhole(path, QByteArray::fromStdString(sim::simResultToJson(*result, 1)), "result");
}

Status SimulationPage::saveReport(const QString& path) const {
  const auto& result = m_service->result();
  if (!result || m_service->shown() != result)
    return makeError(ErrorCode::InvalidArgument, "there is no finished simulation to report");
  AuditProvenance stamp = currentAuditProvenance();
  stamp.modelName = result->model;
  if (const auto& session = m_service->session()) {
    stamp.project = session->snapshot().projectPath();
    stamp.datasetName = session->snapshot().dataset().info.name;
    stamp.modelPath = session->sourcePath();
    stamp.modelKind = session->model()->metadata().kind;
    stamp.device = session->model()->device().description;
  }
  return writeWhole(path, QByteArray::fromStdString(sim::simulationReportHtml(*result, stamp)), "report");
}

Status SimulationPage::openResult(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return makeError(ErrorCode::Io, "cannot read the simulation result: " + file.errorString().toStdString(),
                     path.toStdString());
  auto result = sim::simResultFromJson(file.readAll().toStdString(), path.toStdString());
  if (!result) return result.error();
  m_form->showConfig(result.value().config);
  m_service->setResult(std::move(result).value());
  return Status::success();
}

void SimulationPage::chooseSavePath() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Simulation Result"),
                                              QDir::home().filePath(QStringLiteral("simulation.json")),
                                              tr("Simulation results (*.json)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
  if (auto st = saveResult(path); !st) showErrorMessage(this, tr("Could not save the result"), st.error());
}

void SimulationPage::chooseReportPath() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Simulation Report"),
                                              QDir::home().filePath(QStringLiteral("simulation.html")),
                                              tr("HTML reports (*.html)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".html");
  if (auto st = saveReport(path); !st) showErrorMessage(this, tr("Could not save the report"), st.error());
}

void SimulationPage::chooseOpenPath() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Simulation Result"), QDir::homePath(),
                                                    tr("Simulation results (*.json);;All files (*)"));
  if (path.isEmpty()) return;
  if (auto st = openResult(path); !st) showErrorMessage(this, tr("Could not open the result"), st.error());
}

void SimulationPage::offerTruths() {
  const auto& session = m_service->session();
  if (!session) return;
  // One short read of the project's metadata and model list on this thread's own connection.
  const auto& path = session->snapshot().projectPath();
  bool generated = false;
  if (auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly)) {
    auto value = store.value()->metaValue("generator.config");
    generated = value && !value.value().empty();
  }
  std::vector<QString> models;
  if (auto records = ModelSession::registeredModels(path)) {
    for (const auto& r : records.value()) models.push_back(QString::fromStdString(r.name));
  }
  // A model opened from a file is offered too: the truth can be the model being simulated.
  const QString own = QString::fromStdString(session->name());
  if (std::find(models.begin(), models.end(), own) == models.end()) models.push_back(own);
  m_form->setTruthChoices(generated, models);
}

void SimulationPage::showShown() {
  const auto shown = m_service->shown();
  const auto& session = m_service->session();
  m_redraw->stop();
  if (shown) {
    m_plot->showResult(shown);
  } else {
    m_plot->clear(session ? tr("Run a simulation to see this plot") : tr("No model loaded"));
  }
  // The table and the slates belong to finished runs only.
  const auto& result = m_service->result();
  const bool finished = result && shown == result;
  m_summary->setResult(finished ? result : nullptr);
  m_slates->setData(
      finished ? result : nullptr,
      session ? std::shared_ptr<const DatasetSnapshot>(session, &session->snapshot()) : nullptr);
  if (finished) {
    const auto& c = result->config;
    m_about->setText(
        tr("%1 rounds · K = %2 · %3 · %4 seed(s) · users per round: %5 · %6 · model %7 · %8 s<br>Truth: %9")
            .arg(c.rounds)
            .arg(c.k)
            .arg(display::text(c.examination.name()))
            .arg(c.seeds)
            .arg(c.usersPerRound > 0 ? QLocale().toString(static_cast<qint64>(c.usersPerRound)) : tr("all"))
            .arg(c.retrainEvery <= 0   ? tr("frozen model")
                 : c.retrainWindow > 0 ? tr("re-trained every %1 rounds on the last %2 rounds' data")
                                             .arg(c.retrainEvery)
                                             .arg(c.retrainWindow)
                                       : tr("re-trained every %1 rounds").arg(c.retrainEvery))
            .arg(display::text(result->model).toHtmlEscaped())
            .arg(QLocale().toString(result->seconds, 'f', 1))
            .arg(display::text(result->oracle).toHtmlEscaped()));
  } else {
    m_about->clear();
  }
  updateStatus();
}

void SimulationPage::showFailure(const QString& message, bool cancelled) {
  m_failure = message;
  m_failureIsError = !cancelled;
  updateStatus();
}

void SimulationPage::updateStatus() {
  const auto& session = m_service->session();
  const bool running = m_service->job().isRunning();
  m_model->setText(session ? tr("Model: <b>%1</b>").arg(display::text(session->name()).toHtmlEscaped())
                           : tr("No model loaded"));
  m_run->setEnabled(session != nullptr && !running);
  m_status->setVisible(!running);
  m_status->setStyleSheet(m_failureIsError && !m_failure.isEmpty() ? QStringLiteral("color: #b00020;")
                                                                   : QString());
  if (!m_failure.isEmpty()) {
    m_status->setText(m_failure);
  } else if (!session) {
    m_status->setText(tr("Load or train a model on the Recommendations page to simulate it."));
  } else if (m_service->result()) {
    m_status->setText(tr("Click a point of the plot to list that round's slates."));
  } else {
    m_status->setText(tr("Choose the policies and the loop, then run."));
  }
}

}  // namespace reclens
