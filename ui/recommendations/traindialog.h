#pragma once
#include <QDialog>

#include <vector>

#include "model/trainer.h"
#include "store/projectstore.h"

class QComboBox;
class QSpinBox;

namespace reclens {

// Asks how to train a model: kind (popularity, bpr, lightgcn, twotower), embedding size, most epochs
// how repeated interactions weigh in a history and how the log is split (SplitSpec). config() gives the
// kind's tuned defaults with those choices applied. With a model chosen under "Start from", the run
// fine-tunes it (a warm start): kind, size and history weights are the parent's and config().warmStartPath is
// its file.
class TrainDialog : public QDialog {
  Q_OBJECT

 public:
  explicit TrainDialog(QWidget* parent = nullptr);

  // The registered models offered under "Start from" (those RecLens trained, other than popularity).
  void setStartModels(const std::vector<ProjectStore::ModelRecord>& models);
  TrainConfig config() const;
  // The registered name of the model to start from, or "" for a fresh start.
  QString startModelName() const;
  QComboBox* kindBox() const { return m_kind; }
  QComboBox* startFromBox() const { return m_startFrom; }
  QComboBox* historyWeightBox() const { return m_historyWeight; }
  QComboBox* splitBox() const { return m_split; }

 private:
  QComboBox* m_kind;
  QSpinBox* m_dim;
  QSpinBox* m_epochs;
  QComboBox* m_historyWeight;
  QComboBox* m_split;  // data: SplitSpec::name()
  QComboBox* m_startFrom;
};

}  // namespace reclens
