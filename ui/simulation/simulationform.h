#pragma once
#include <QString>
#include <QWidget>

#include <vector>

#include "common/result.h"
#include "simulation/simulationservice.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace reclens {

// The settings of a simulation run: the policies (each with its parameter), rounds, users per round,
// K, the examination model, the re-training schedule, the seeds and the truth's appeal scale. Every
// control says in its tooltip what it does (docs/simulation.md).
class SimulationForm : public QWidget {
  Q_OBJECT

 public:
  explicit SimulationForm(QWidget* parent = nullptr);

  // The run the controls describe, checked by the core; the error names the field.
  Result<SimulationRequest> request() const;
  // Shows the settings of an earlier run (policies that are not in the list are ignored).
  void showConfig(const sim::SimConfig& config);
  // The truths the open project offers: its generated world's tastes (when it was generated) and its
  // registered models. Keeps the current choice when it is still offered; otherwise the generated tastes,
  // else the first model.
  void setTruthChoices(bool generated, const std::vector<QString>& models);

  // The policies offered, in order (the core's names: greedy, egreedy, …).
  const std::vector<QString>& policyNames() const { return m_names; }
  QCheckBox* policyBox(const QString& name) const;
  QDoubleSpinBox* parameterBox(const QString& name) const;
  QSpinBox* roundsBox() const { return m_rounds; }
  QSpinBox* usersBox() const { return m_users; }
  QSpinBox* kBox() const { return m_k; }
  QComboBox* examinationBox() const { return m_examination; }
  QDoubleSpinBox* etaBox() const { return m_eta; }
  QSpinBox* retrainEveryBox() const { return m_retrainEvery; }
  QSpinBox* retrainEpochsBox() const { return m_retrainEpochs; }
  QSpinBox* retrainWindowBox() const { return m_retrainWindow; }
  QSpinBox* seedsBox() const { return m_seeds; }
  QSpinBox* firstSeedBox() const { return m_firstSeed; }
  QDoubleSpinBox* appealScaleBox() const { return m_scale; }
  QComboBox* truthBox() const { return m_truth; }
  QSpinBox* truthNegativesBox() const { return m_negatives; }

 Q_SIGNALS:
  void changed();

 private:
  QWidget* buildPolicies();
  QWidget* buildTruth();
  void updateEnabled();

  std::vector<QString> m_names;
  std::vector<QCheckBox*> m_checks;
  std::vector<QDoubleSpinBox*> m_parameters;  // null for policies without a parameter
  QSpinBox* m_rounds;
  QSpinBox* m_users;
  QSpinBox* m_k;
  QComboBox* m_examination;
  QDoubleSpinBox* m_eta;
  QSpinBox* m_retrainEvery;
  QSpinBox* m_retrainEpochs;
  QSpinBox* m_retrainWindow;
  QSpinBox* m_seeds;
  QSpinBox* m_firstSeed;
  QDoubleSpinBox* m_scale;
  QComboBox* m_truth;
  QSpinBox* m_negatives;
};

}  // namespace reclens
