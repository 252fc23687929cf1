#pragma once
#include <QDialog>

#include "store/projectstore.h"

class QLabel;

namespace reclens {

class LearningCurvePlot;

// What a registered model is: its name, file, kind and size, who trained it, and, for a model RecLens
// trained, the learning curve kept in its metadata with the epoch it keeps and why. A model without a
// stored curve (trained elsewhere, popularity, or before curves were kept) says so.
class ModelInfoDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ModelInfoDialog(const ProjectStore::ModelRecord& record, QWidget* parent = nullptr);

  LearningCurvePlot* curve() const { return m_curve; }
  QLabel* outcomeLabel() const { return m_outcome; }

  // One paragraph for a tooltip: the file and, when stored, which epoch the model keeps and why.
  static QString summary(const ProjectStore::ModelRecord& record);

 private:
  LearningCurvePlot* m_curve;
  QLabel* m_outcome;
};

}  // namespace reclens
