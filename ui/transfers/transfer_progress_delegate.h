#pragma once
// Paints the Progress column as the platform's progress bar, from the model's raw fraction
// (TransferListModel::ValueRole), so it follows the style, the palette and the screen's
// scale like any other progress bar.

#include <QStyledItemDelegate>

namespace coffer::ui {

class TransferProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace coffer::ui
