#include "recommendations/modelinfodialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "model/learningcurve.h"
#include "model/modelfile.h"
#include "model/trainingmetadata.h"
#include "plots/learningcurveplot.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// The outcome sentence, or why there is none.
QString outcomeOf(const ProjectStore::ModelRecord& record) {
  auto curve = learningCurveOf(record.metadataJson);
  if (!curve) {
    return ModelInfoDialog::tr("The stored learning curve cannot be read: %1")
        .arg(display::text(curve.error().message));
  }
  return curve->empty() ? ModelInfoDialog::tr("No learning curve is stored with this model.")
                        : LearningCurvePlot::outcome(curve.value());
}
}  // namespace

ModelInfoDialog::ModelInfoDialog(const ProjectStore::ModelRecord& record, QWidget* parent)
    : QDialog(parent), m_curve(new LearningCurvePlot(this)), m_outcome(new QLabel(this)) {
  setWindowTitle(tr("Model %1").arg(display::text(record.name)));
  auto* form = new QFormLayout;
  form->addRow(tr("Name:"), new QLabel(display::text(record.name), this));
  auto* file = new QLabel(display::text(record.path), this);
  file->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(tr("File:"), file);
  if (auto meta = parseModelMetadata(record.metadataJson)) {
    form->addRow(tr("Kind:"),
                 new QLabel(tr("%1, embedding size %2").arg(display::text(meta->kind)).arg(meta->dim), this));
    if (!meta->trainedBy.empty())
      form->addRow(tr("Trained by:"), new QLabel(display::text(meta->trainedBy), this));
  }
  if (auto split = trainingSplitOf(record.metadataJson); !split) {
    form->addRow(tr("Split:"), new QLabel(display::text(split.error().message), this));
  } else if (split.value()) {
    auto* label = new QLabel(
        tr("%1 (%2)").arg(display::text(split.value()->name()), display::text(split.value()->description())),
        this);
    label->setWordWrap(true);
    label->setToolTip(
        tr("How the interactions were split into train, validation (early stopping) and test "
           "(the final figure); evaluate uses the same split unless told otherwise."));
    form->addRow(tr("Split:"), label);
  }
  auto curve = learningCurveOf(record.metadataJson);
  m_curve->setCurve(curve ? curve.value() : LearningCurve{});
  m_outcome->setText(outcomeOf(record));
  m_outcome->setWordWrap(true);
  m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_curve, 1);
  layout->addWidget(m_outcome);
  layout->addWidget(buttons);
  resize(560, 460);
}

QString ModelInfoDialog::summary(const ProjectStore::ModelRecord& record) {
  return display::text(record.path) + QLatin1Char('\n') + outcomeOf(record);
}

}  // namespace reclens
