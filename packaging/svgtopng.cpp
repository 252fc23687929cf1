// Build-time tool: renders the application's SVG icon into the PNG sizes of the hicolor theme.
//   reclens_svgtopng ICON.svg OUT_DIR NAME SIZE...   writes OUT_DIR/<SIZE>x<SIZE>/apps/NAME.png
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  const QStringList args = QGuiApplication::arguments();
  if (args.size() < 5) {
    std::fprintf(stderr, "usage: reclens_svgtopng ICON.svg OUT_DIR NAME SIZE...\n");
    return 2;
  }
  QSvgRenderer svg(args.at(1));
  if (!svg.isValid()) {
    std::fprintf(stderr, "reclens_svgtopng: cannot read %s\n", qPrintable(args.at(1)));
    return 1;
  }
  for (qsizetype i = 4; i < args.size(); ++i) {
    const int size = args.at(i).toInt();
    if (size <= 0) {
      std::fprintf(stderr, "reclens_svgtopng: bad size %s\n", qPrintable(args.at(i)));
      return 2;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    painter.end();
    const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
    const QString file = QStringLiteral("%1/%2.png").arg(dir, args.at(3));
    if (!QDir().mkpath(dir) || !image.save(file)) {
      std::fprintf(stderr, "reclens_svgtopng: cannot write %s\n", qPrintable(file));
      return 1;
    }
  }
  return 0;
}
