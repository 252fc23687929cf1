#pragma once
#include <QDialog>

#include "model/trainer.h"

class QComboBox;
class QSpinBox;

namespace reclens {

// Asks how to train a model: kind (popularity, bpr, lightgcn, twotower), embedding size, most epochs
// and how repeated interactions weigh in a history. config() gives the kind's tuned defaults with
// those choices applied.
class TrainDialog : public QDialog {
  Q_OBJECT

 public:
  explicit TrainDialog(QWidget* parent = nullptr);

  TrainConfig config() const;
  QComboBox* kindBox() const { return m_kind; }
  QComboBox* historyWeightBox() const { return m_historyWeight; }

 private:
  QComboBox* m_kind;
  QSpinBox* m_dim;
  QSpinBox* m_epochs;
  QComboBox* m_historyWeight;
};

}  // namespace reclens
