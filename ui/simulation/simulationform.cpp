#include "simulation/simulationform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reclens {

namespace {

// One policy of the list: the core's name, its parameter's range and step, whether it is checked at
// first. The parameter's default is the core's (PolicySpec::parse of the bare name, core/sim/policy.cpp).
struct PolicyRow {
  const char* name;
  bool hasParameter;
  double low, high, step;
  int decimals;
  bool checked;
};

const PolicyRow kPolicies[] = {
    {"greedy", false, 0, 0, 0, 0, true},
    {"egreedy", true, 0.0, 1.0, 0.05, 2, true},
    {"thompson", true, 0.001, 10.0, 0.01, 3, true},
    {"linucb", true, 0.0, 100.0, 0.1, 2, true},
    {"random", false, 0, 0, 0, 0, false},
    {"popularity", true, 0.0, 10.0, 0.1, 2, false},
    {"mmr", true, 0.0, 1.0, 0.05, 2, false},
    {"catcap", true, 1.0, 1000.0, 1.0, 0, false},
    {"calibrated", true, 0.0, 1.0, 0.05, 2, false},
    {"providerfair", true, 0.0, 1.0, 0.05, 2, false},
    {"useraware", true, 0.0, 10.0, 0.1, 2, false},
    {"oracle", false, 0, 0, 0, 0, false},
};

QString policyTip(const QString& name) {
  if (name == QLatin1String("greedy")) return SimulationForm::tr("The model's top-K, without exploration.");
  if (name == QLatin1String("egreedy"))
    return SimulationForm::tr(
        "Each slot shows, with probability ε, a uniformly drawn item instead of the "
        "model's pick.");
  if (name == QLatin1String("thompson"))
    return SimulationForm::tr(
        "Linear Thompson sampling over the model's item vectors: ranks by a draw from "
        "each user's posterior (parameter: prior spread).");
  if (name == QLatin1String("linucb"))
    return SimulationForm::tr(
        "LinUCB over the model's item vectors: ranks by the posterior mean plus α "
        "posterior standard deviations.");
  if (name == QLatin1String("random")) return SimulationForm::tr("K uniformly drawn items: the floor.");
  if (name == QLatin1String("popularity"))
    return SimulationForm::tr(
        "The popularity penalty re-ranker of the Recommendations page with strength "
        "λ.");
  if (name == QLatin1String("mmr"))
    return SimulationForm::tr("The MMR diversity re-ranker of the Recommendations page with weight μ.");
  if (name == QLatin1String("catcap"))
    return SimulationForm::tr("At most n items of one category per slate.");
  if (name == QLatin1String("calibrated"))
    return SimulationForm::tr(
        "The calibrated re-ranker of the Recommendations page (Steck 2018): brings each slate's category mix "
        "towards the user's history so far.");
  if (name == QLatin1String("providerfair"))
    return SimulationForm::tr(
        "The provider-fair re-ranker of the Recommendations page: brings each slate's position-weighted "
        "exposure of the brands (of the popularity tiers without brands) towards their share of the "
        "catalog.");
  if (name == QLatin1String("useraware"))
    return SimulationForm::tr(
        "The user-aware popularity penalty of the Recommendations page: λ scaled by the share of the user's "
        "history so far outside the popular items.");
  return SimulationForm::tr("The truth's best slate: the ceiling, with zero regret by definition.");
}

QString parameterTip(const QString& name) {
  if (name == QLatin1String("egreedy")) return SimulationForm::tr("ε: the chance that a slot is explored.");
  if (name == QLatin1String("thompson"))
    return SimulationForm::tr("Prior spread of the per-user correction, in probability units.");
  if (name == QLatin1String("linucb"))
    return SimulationForm::tr("α: how many posterior standard deviations the exploration bonus adds.");
  if (name == QLatin1String("popularity"))
    return SimulationForm::tr("λ: how strongly popular items are pushed down.");
  if (name == QLatin1String("mmr"))
    return SimulationForm::tr("μ: the weight of diversity against relevance.");
  if (name == QLatin1String("calibrated"))
    return SimulationForm::tr("κ: the weight of calibration against relevance.");
  if (name == QLatin1String("providerfair"))
    return SimulationForm::tr("φ: the weight of provider exposure fairness against relevance.");
  if (name == QLatin1String("useraware"))
    return SimulationForm::tr("λ: the penalty of a user whose history holds no popular item.");
  return SimulationForm::tr("n: the most items of one category in a slate.");
}

QSpinBox* spinBox(QWidget* parent, int low, int high, int value, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setRange(low, high);
  box->setValue(value);
  box->setToolTip(tip);
  return box;
}

}  // namespace

SimulationForm::SimulationForm(QWidget* parent)
    : QWidget(parent),
      m_rounds(spinBox(this, 1, 100000, 20, tr("How many rounds of recommend → respond → update to play."))),
      m_users(spinBox(this, 0, 100000000, 0,
                      tr("Users shown a slate each round, a seeded sample; 0 means every user."))),
      m_k(spinBox(this, 1, 1000, 20, tr("Length of the slate each user is shown per round."))),
      m_examination(new QComboBox(this)),
      m_eta(new QDoubleSpinBox(this)),
      m_retrainEvery(
          spinBox(this, 0, 100000, 0,
                  tr("Re-train the model (warm start) every N rounds on the data plus the simulated "
                     "takes; 0 keeps it frozen."))),
      m_retrainEpochs(spinBox(this, 1, 1000, 3, tr("Epochs of each re-training."))),
      m_retrainWindow(spinBox(
          this, 0, 100000, 0,
          tr("Re-train on the last N rounds' interactions only (one day per round; the project's log leaves "
             "the window as it ages), as a shop that re-trains on recent data does: the model then learns "
             "mostly from what it showed. 0 re-trains on all the data."))),
      m_seeds(spinBox(this, 1, 1000, sim::SimConfig{}.seeds,
                      tr("Independent repetitions; the bands are 95% intervals over them."))),
      m_firstSeed(spinBox(this, 0, 1000000000, 1,
                          tr("Seed of the first repetition; repetition s uses this seed + s, so a run is "
                             "reproducible."))),
      m_scale(new QDoubleSpinBox(this)),
      m_truth(new QComboBox(this)),
      m_negatives(spinBox(this, 1, 10000, 20,
                          tr("Items drawn per held-out item when fitting the truth model's link: sets the "
                             "overall level of engagement, not the order."))) {
  m_users->setSpecialValueText(tr("all"));
  m_retrainEvery->setSpecialValueText(tr("never (frozen)"));
  m_retrainWindow->setSpecialValueText(tr("all the data"));
  m_retrainWindow->setSuffix(tr(" rounds"));
  m_examination->addItem(tr("Position-based"), QStringLiteral("pbm"));
  m_examination->addItem(tr("Cascade"), QStringLiteral("cascade"));
  m_examination->setToolTip(
      tr("How users look down a slate: position-based looks at rank r with probability 1/r^η; cascade reads "
         "from the top and stops at the first take."));
  m_eta->setRange(0.0, 4.0);
  m_eta->setSingleStep(0.1);
  m_eta->setDecimals(2);
  m_eta->setValue(1.0);
  m_eta->setToolTip(
      tr("η of the position-based model: 0 looks at every rank, larger values favour the top."));
  m_scale->setRange(0.0001, 100.0);
  m_scale->setDecimals(4);
  m_scale->setSingleStep(0.005);
  m_scale->setValue(0.02);
  m_scale->setToolTip(tr("Appeal of an item as likely as a uniform pick in the truth (generated projects)."));

  auto* loop = new QGroupBox(tr("Loop"), this);
  auto* form = new QFormLayout(loop);
  form->addRow(tr("&Rounds:"), m_rounds);
  form->addRow(tr("&Users per round:"), m_users);
  form->addRow(tr("&K:"), m_k);
  auto* exam = new QHBoxLayout;
  exam->addWidget(m_examination, 1);
  exam->addWidget(m_eta);
  auto* examLabel = new QLabel(tr("E&xamination:"), loop);
  examLabel->setBuddy(m_examination);
  form->addRow(examLabel, exam);
  form->addRow(tr("Re-&train every:"), m_retrainEvery);
  form->addRow(tr("E&pochs:"), m_retrainEpochs);
  form->addRow(tr("Training &window:"), m_retrainWindow);
  form->addRow(tr("&Seeds:"), m_seeds);
  form->addRow(tr("&First seed:"), m_firstSeed);

  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(buildPolicies());
  column->addWidget(loop);
  column->addWidget(buildTruth());
  column->addStretch(1);

  for (auto* box :
       {m_rounds, m_users, m_k, m_retrainEvery, m_retrainEpochs, m_retrainWindow, m_seeds, m_firstSeed})
    connect(box, &QSpinBox::valueChanged, this, &SimulationForm::changed);
  for (auto* box : {m_eta, m_scale})
    connect(box, &QDoubleSpinBox::valueChanged, this, &SimulationForm::changed);
  connect(m_examination, &QComboBox::currentIndexChanged, this, &SimulationForm::updateEnabled);
  connect(m_retrainEvery, &QSpinBox::valueChanged, this, &SimulationForm::updateEnabled);
  connect(m_truth, &QComboBox::currentIndexChanged, this, &SimulationForm::updateEnabled);
  connect(m_negatives, &QSpinBox::valueChanged, this, &SimulationForm::changed);
  setTruthChoices(true, {});
  updateEnabled();
}

QWidget* SimulationForm::buildTruth() {
  auto* box = new QGroupBox(tr("Truth"), this);
  box->setToolTip(tr("What the simulated users answer from."));
  m_truth->setToolTip(
      tr("Generated tastes: a generated project's true tastes of every user. A model: a model trained on "
         "all the data stands in for the users (imported projects); its scores become probabilities "
         "through a link fitted on held-out items. That is an assumption, and the report says so."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("&Users answer from:"), m_truth);
  form->addRow(tr("&Appeal scale:"), m_scale);
  form->addRow(tr("&Negatives:"), m_negatives);
  return box;
}

void SimulationForm::setTruthChoices(bool generated, const std::vector<QString>& models) {
  const QVariant current = m_truth->currentData();
  QSignalBlocker block(m_truth);
  m_truth->clear();
  if (generated) m_truth->addItem(tr("Generated tastes"), QString());
  for (const auto& name : models) m_truth->addItem(tr("Model %1").arg(name), name);
  const int kept = current.isValid() ? m_truth->findData(current) : -1;
  m_truth->setCurrentIndex(kept >= 0 ? kept : 0);
  m_truth->setEnabled(m_truth->count() > 0);
  updateEnabled();
}

QWidget* SimulationForm::buildPolicies() {
  auto* box = new QGroupBox(tr("Policies"), this);
  box->setToolTip(tr("The policies run side by side on the same random numbers."));
  auto* grid = new QGridLayout(box);
  int row = 0;
  for (const auto& p : kPolicies) {
    const QString name = QString::fromLatin1(p.name);
    auto* check = new QCheckBox(name, box);
    check->setChecked(p.checked);
    check->setToolTip(policyTip(name));
    QDoubleSpinBox* parameter = nullptr;
    if (p.hasParameter) {
      parameter = new QDoubleSpinBox(box);
      parameter->setRange(p.low, p.high);
      parameter->setDecimals(p.decimals);
      parameter->setSingleStep(p.step);
      parameter->setValue(sim::PolicySpec::parse(p.name).value().parameter);
      parameter->setToolTip(parameterTip(name));
      connect(check, &QCheckBox::toggled, parameter, &QWidget::setEnabled);
      parameter->setEnabled(p.checked);
      connect(parameter, &QDoubleSpinBox::valueChanged, this, &SimulationForm::changed);
      grid->addWidget(parameter, row, 1);
    }
    connect(check, &QCheckBox::toggled, this, &SimulationForm::changed);
    grid->addWidget(check, row, 0);
    m_names.push_back(name);
    m_checks.push_back(check);
    m_parameters.push_back(parameter);
    ++row;
  }
  grid->setColumnStretch(0, 1);
  return box;
}

void SimulationForm::updateEnabled() {
  const bool modelTruth = !m_truth->currentData().toString().isEmpty();
  m_scale->setEnabled(m_truth->count() > 0 && !modelTruth);
  m_negatives->setEnabled(modelTruth);
  m_eta->setEnabled(m_examination->currentData().toString() == QLatin1String("pbm"));
  m_retrainEpochs->setEnabled(m_retrainEvery->value() > 0);
  m_retrainWindow->setEnabled(m_retrainEvery->value() > 0);
  Q_EMIT changed();
}

QCheckBox* SimulationForm::policyBox(const QString& name) const {
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_names[i] == name) return m_checks[i];
  }
  return nullptr;
}

QDoubleSpinBox* SimulationForm::parameterBox(const QString& name) const {
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_names[i] == name) return m_parameters[i];
  }
  return nullptr;
}

Result<SimulationRequest> SimulationForm::request() const {
  SimulationRequest r;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (!m_checks[i]->isChecked()) continue;
    std::string text = m_names[i].toStdString();
    if (m_parameters[i]) text += ":" + QString::number(m_parameters[i]->value(), 'g', 6).toStdString();
    auto spec = sim::PolicySpec::parse(text);
    if (!spec) return spec.error();
    r.config.policies.push_back(spec.value());
  }
  r.config.rounds = m_rounds->value();
  r.config.usersPerRound = m_users->value();
  r.config.k = m_k->value();
  const bool pbm = m_examination->currentData().toString() == QLatin1String("pbm");
  auto exam = sim::Examination::parse(pbm ? "pbm:" + QString::number(m_eta->value(), 'g', 6).toStdString()
                                          : std::string("cascade"));
  if (!exam) return exam.error();
  r.config.examination = exam.value();
  r.config.retrainEvery = m_retrainEvery->value();
  r.config.retrainEpochs = m_retrainEpochs->value();
  r.config.retrainWindow = m_retrainWindow->value();
  r.config.seeds = m_seeds->value();
  r.config.seed = static_cast<std::uint64_t>(m_firstSeed->value());
  r.appealScale = m_scale->value();
  if (m_truth->count() == 0)
    return makeError(ErrorCode::InvalidArgument,
                     "the project has no generated tastes and no registered model to answer for its users");
  r.truthModel = m_truth->currentData().toString().toStdString();
  r.truthNegatives = m_negatives->value();
  if (auto st = sim::validateSimConfig(r.config); !st) return st.error();
  return r;
}

void SimulationForm::showConfig(const sim::SimConfig& config) {
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    const auto it =
        std::find_if(config.policies.begin(), config.policies.end(), [&](const sim::PolicySpec& p) {
          const auto colon = p.name.find(':');
          return QString::fromStdString(p.name.substr(0, colon)) == m_names[i];
        });
    m_checks[i]->setChecked(it != config.policies.end());
    if (it != config.policies.end() && m_parameters[i]) m_parameters[i]->setValue(it->parameter);
  }
  m_rounds->setValue(config.rounds);
  m_users->setValue(static_cast<int>(std::min<std::int64_t>(config.usersPerRound, m_users->maximum())));
  m_k->setValue(config.k);
  const bool pbm = config.examination.kind == sim::Examination::Kind::PositionBased;
  m_examination->setCurrentIndex(pbm ? 0 : 1);
  if (pbm) m_eta->setValue(config.examination.eta);
  m_retrainEvery->setValue(config.retrainEvery);
  m_retrainEpochs->setValue(config.retrainEpochs);
  m_retrainWindow->setValue(config.retrainWindow);
  m_seeds->setValue(config.seeds);
  m_firstSeed->setValue(static_cast<int>(std::min<std::uint64_t>(config.seed, 1000000000u)));
}

}  // namespace reclens
