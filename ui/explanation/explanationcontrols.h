#pragma once
#include <QWidget>

#include "explain/attribution.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace reclens {

// The Explanation page's bar: a title, how many rows to explain, the attribution method with its
// steps (Integrated Gradients) or permutations (Shapley), the baseline the attributions compare the
// user with (for the methods that have one), what each score is compared with (nothing, the other
// rows, or one item), and a busy indicator with Cancel, which offers Compute
// instead when there is nothing running and nothing shown.
class ExplanationControls : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kDefaultRows = 10;
  static constexpr int kMaxRows = 50;
  // What the scores are compared with when the page opens (docs/rankings.md says why).
  static constexpr ExplanationContrast kDefaultContrast = ExplanationContrast::Automatic;

  explicit ExplanationControls(QWidget* parent = nullptr);

  // The attribution settings chosen.
  AttributionOptions options() const;
  int rows() const;
  void setTitle(const QString& richText);
  // Shows the busy indicator (indeterminate until setProgress) and Cancel while `busy`; when idle,
  // shows Compute only if `offerCompute`.
  void setBusy(bool busy, bool offerCompute);
  void setProgress(double fraction);
  // Select `method` or `baseline` (each emits changed() when it differs).
  void setMethod(AttributionMethod method);
  void setBaseline(AttributionBaseline baseline);
  // Offers "the average user of their <field>" for each of the project's user fields (in order);
  // a different list drops a group chosen before.
  void setUserFields(const QStringList& fields);
  // The user field chosen as the average user's group, -1 for all users (or another baseline).
  int backgroundGroupField() const;
  // Select the average user of the users sharing the explained user's value of user field `field`.
  void setBackgroundGroup(int field);
  // Select `contrast` (Item only once setVersusItem() offered one).
  void setContrast(ExplanationContrast contrast);
  // Offers catalog row `item` (titled `title`) to compare with and selects it; changed() follows when
  // that changes the settings.
  void setVersusItem(std::int32_t item, const QString& title);
  // Withdraws the item offered (a new user or project); the default contrast is selected if it was.
  void clearVersusItem();
  // The item offered to compare with, -1 when none.
  std::int32_t versusItem() const;

  QComboBox* methodBox() const { return m_method; }
  QSpinBox* stepsBox() const { return m_steps; }
  QSpinBox* samplesBox() const { return m_samples; }
  QComboBox* baselineBox() const { return m_baseline; }
  QComboBox* contrastBox() const { return m_contrast; }
  QSpinBox* rowsBox() const { return m_rows; }
  QPushButton* cancelButton() const { return m_cancel; }
  QProgressBar* busyBar() const { return m_busy; }

 Q_SIGNALS:
  // A setting that changes the explanation moved.
  void changed();
  void cancelRequested();
  void computeRequested();

 private:
  void updateMethodControls();

  QLabel* m_title;
  QSpinBox* m_rows;
  QComboBox* m_method;
  QSpinBox* m_steps;
  QSpinBox* m_samples;
  QComboBox* m_baseline;
  QComboBox* m_contrast;
  std::int32_t m_versusItem = -1;
  QStringList m_userFields;
  QProgressBar* m_busy;
  QPushButton* m_cancel;
  bool m_isBusy = false;
};

}  // namespace reclens
