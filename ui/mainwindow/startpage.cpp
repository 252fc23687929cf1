#include "mainwindow/startpage.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "mainwindow/recentprojects.h"

namespace reclens {

namespace {

QPushButton* actionButton(const QString& iconPath, const QString& text, const QString& tip, QWidget* parent) {
  auto* button = new QPushButton(QIcon(iconPath), text, parent);
  button->setToolTip(tip);
  button->setIconSize(QSize(24, 24));
  button->setMinimumHeight(40);
  button->setStyleSheet(QStringLiteral("text-align: left; padding-left: 10px;"));
  return button;
}

}  // namespace

StartPage::StartPage(RecentProjects& recent, QWidget* parent)
    : QWidget(parent), m_recent(recent), m_list(new QListWidget(this)) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(32, 24, 32, 24);
  auto* heading =
      new QLabel(tr("<h1>RecLens</h1><p>Explain and audit recommendation models: open a project to "
                    "browse its users and catalog.</p>"),
                 this);
  heading->setWordWrap(true);
  outer->addWidget(heading);

  auto* columns = new QHBoxLayout;
  columns->setSpacing(32);
  auto* actions = new QVBoxLayout;
  actions->addWidget(new QLabel(tr("<b>Start</b>"), this));
  auto* importButton =
      actionButton(QStringLiteral(":/icons/import.svg"), tr("New project from CSV…"),
                   tr("Import interactions (and optionally items and users) from CSV files (Ctrl+N)"), this);
  auto* demoButton = actionButton(QStringLiteral(":/icons/demo.svg"), tr("Open demo project"),
                                  tr("Open the bundled synthetic shop; it is generated on first use"), this);
  auto* openButton = actionButton(QStringLiteral(":/icons/open.svg"), tr("Open project…"),
                                  tr("Open a .reclens project file (Ctrl+O)"), this);
  actions->addWidget(importButton);
  actions->addWidget(demoButton);
  actions->addWidget(openButton);
  actions->addStretch(1);
  columns->addLayout(actions, 1);

  auto* recentColumn = new QVBoxLayout;
  recentColumn->addWidget(new QLabel(tr("<b>Recent projects</b>"), this));
  m_list->setToolTip(tr("Double-click or press Enter to open a recent project"));
  m_list->setAlternatingRowColors(true);
  recentColumn->addWidget(m_list, 1);
  columns->addLayout(recentColumn, 2);
  outer->addLayout(columns, 1);

  connect(importButton, &QPushButton::clicked, this, &StartPage::importRequested);
  connect(demoButton, &QPushButton::clicked, this, &StartPage::demoRequested);
  connect(openButton, &QPushButton::clicked, this, &StartPage::openFileRequested);
  connect(m_list, &QListWidget::itemActivated, this, &StartPage::activate);
  connect(&m_recent, &RecentProjects::changed, this, &StartPage::refresh);
  refresh();
}

void StartPage::refresh() {
  m_list->clear();
  const QStringList paths = m_recent.paths();
  for (const QString& path : paths) {
    const QFileInfo info(path);
    auto* item = new QListWidgetItem(
        QIcon(QStringLiteral(":/icons/project.svg")),
        tr("%1\n%2").arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())), m_list);
    item->setData(Qt::UserRole, path);
    if (info.exists()) {
      item->setToolTip(QDir::toNativeSeparators(path));
    } else {
      item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
      item->setToolTip(tr("%1 no longer exists").arg(QDir::toNativeSeparators(path)));
    }
  }
  if (paths.isEmpty()) {
    auto* item = new QListWidgetItem(tr("No recent projects yet"), m_list);
    item->setFlags(Qt::NoItemFlags);
  }
}

void StartPage::activate(QListWidgetItem* item) {
  const QString path = item->data(Qt::UserRole).toString();
  if (!path.isEmpty() && QFileInfo::exists(path)) Q_EMIT openRecentRequested(path);
}

}  // namespace reclens
