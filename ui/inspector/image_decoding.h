#pragma once
// Image previews are decoded on a pool thread: a large photo takes long enough to decode
// that doing it on the GUI thread would freeze the window.

#include <QByteArray>
#include <QFuture>
#include <QImage>
#include <QSize>

namespace coffer::ui {

// Decodes bytes (any format QImageReader knows) scaled down, aspect kept, to fit within
// box; never scaled up. A null image when the bytes are not a readable image.
// Continue with future.then(context, ...) to get the result on the context's thread.
QFuture<QImage> decodeScaledImage(QByteArray bytes, QSize box);

// The size an image of size source takes when fitted within box (never enlarged).
QSize fittedSize(QSize source, QSize box);

} // namespace coffer::ui
