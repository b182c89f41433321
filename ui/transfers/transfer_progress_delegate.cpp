#include "ui/transfers/transfer_progress_delegate.h"

#include "ui/transfers/transfer_list_model.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOption>

namespace coffer::ui {

namespace {
// The bar's resolution: per mille, so a 500 GiB job still visibly moves.
constexpr int kSteps = 1000;
} // namespace

void TransferProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != TransferListModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The row's selection background first, as for any other cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double fraction = qBound(0.0, index.data(TransferListModel::ValueRole).toDouble(), 1.0);
    QStyleOptionProgressBar bar;
    if (widget)
        bar.initFrom(widget);
    bar.state = option.state;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    // A little inset in logical pixels: the style scales it with the screen.
    const int margin = qMax(1, option.rect.height() / 8);
    bar.rect = option.rect.adjusted(margin, margin, -margin, -margin);
    bar.minimum = 0;
    bar.maximum = kSteps;
    bar.progress = int(fraction * kSteps);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = !bar.text.isEmpty();
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize TransferProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == TransferListModel::ProgressColumn)
        size.setWidth(qMax(size.width(), option.fontMetrics.horizontalAdvance(QLatin1Char('0')) * 16));
    return size;
}

} // namespace coffer::ui
