import Foundation

/// Minimal SVG charts for experiment reports (no dependencies): best-so-far against time, and a
/// Pareto scatter coloured by a category with the front drawn as a line.
public enum Plots {
    static let width = 640.0, height = 420.0, margin = 60.0
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    /// Step plot of the best metric so far against tuner seconds.
    public static func bestSoFar(_ points: [(time: Double, value: Double)], metric: String, endTime: Double) -> String {
        guard let first = points.first else { return empty("no results for \(metric)") }
        let xs = [0, max(endTime, points.last!.time)]
        // Time starts at zero; only the metric axis gets a margin.
        let axes = Axes(x: (0, xs[1] > 0 ? xs[1] : 1), y: range(points.map(\.value)))
        var path = "M \(axes.px(first.time)) \(axes.py(first.value))"
        for point in points.dropFirst() {
            path += " H \(axes.px(point.time)) V \(axes.py(point.value))"
        }
        path += " H \(axes.px(xs[1]))"
        return document(
            title: "best \(metric) so far",
            xLabel: "tuner time (s)",
            yLabel: metric,
            axes: axes,
            body: "<path d=\"\(path)\" fill=\"none\" stroke=\"\(palette[0])\" stroke-width=\"2\"/>"
        )
    }

    /// Scatter of all results on two objectives, coloured by `category` (e.g. instance type),
    /// with the Pareto front as a line.
    public static func pareto(
        points: [(x: Double, y: Double, category: String)],
        front: [(x: Double, y: Double)],
        xLabel: String,
        yLabel: String
    ) -> String {
        guard !points.isEmpty else { return empty("no results") }
        let axes = Axes(x: range(points.map(\.x)), y: range(points.map(\.y)))
        let categories = Array(Set(points.map(\.category))).sorted()
        var body = ""
        for point in points {
            let color = palette[categories.firstIndex(of: point.category)! % palette.count]
            body +=
                "<circle cx=\"\(axes.px(point.x))\" cy=\"\(axes.py(point.y))\" r=\"3.5\" fill=\"\(color)\" fill-opacity=\"0.7\"/>\n"
        }
        let sortedFront = front.sorted { $0.x < $1.x }
        if !sortedFront.isEmpty {
            let line = sortedFront.map { "\(axes.px($0.x)),\(axes.py($0.y))" }.joined(separator: " ")
            body += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n"
        }
        for (index, category) in categories.enumerated() {
            let y = margin + 16 * Double(index)
            body +=
                "<circle cx=\"\(width - margin - 90)\" cy=\"\(y - 4)\" r=\"4\" fill=\"\(palette[index % palette.count])\"/>"
            body += "<text x=\"\(width - margin - 80)\" y=\"\(y)\" font-size=\"12\">\(escape(category))</text>\n"
        }
        return document(title: "Pareto front", xLabel: xLabel, yLabel: yLabel, axes: axes, body: body)
    }

    struct Axes {
        var x: (Double, Double)
        var y: (Double, Double)
        func px(_ value: Double) -> String {
            format(margin + (value - x.0) / (x.1 - x.0) * (width - 2 * margin))
        }
        func py(_ value: Double) -> String {
            format(height - margin - (value - y.0) / (y.1 - y.0) * (height - 2 * margin))
        }
    }

    static func range(_ values: [Double]) -> (Double, Double) {
        let low = values.min() ?? 0, high = values.max() ?? 1
        if high > low { return (low - 0.03 * (high - low), high + 0.03 * (high - low)) }
        return (low - 1, high + 1)
    }

    /// About five tick values at 1, 2 or 5 times a power of ten, inside `range`.
    static func niceTicks(_ range: (Double, Double)) -> [Double] {
        let span = range.1 - range.0
        guard span > 0, span.isFinite else { return [range.0] }
        let rough = span / 5
        let power = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        var ticks: [Double] = []
        var value = (range.0 / step).rounded(.up) * step
        while value <= range.1 + step * 1e-9 && ticks.count < 12 {
            // Snap away floating-point dust such as 0.30000000000000004.
            ticks.append((value / step).rounded() * step)
            value += step
        }
        return ticks
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func document(title: String, xLabel: String, yLabel: String, axes: Axes, body: String) -> String {
        var ticks = ""
        for fx in niceTicks(axes.x) {
            ticks +=
                "<text x=\"\(axes.px(fx))\" y=\"\(height - margin + 16)\" font-size=\"11\" text-anchor=\"middle\">\(String(format: "%g", fx))</text>\n"
        }
        for fy in niceTicks(axes.y) {
            ticks +=
                "<text x=\"\(margin - 6)\" y=\"\(axes.py(fy))\" font-size=\"11\" text-anchor=\"end\">\(String(format: "%g", fy))</text>\n"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(width / 2)" y="24" font-size="15" text-anchor="middle">\(escape(title))</text>
            <line x1="\(margin)" y1="\(height - margin)" x2="\(width - margin)" y2="\(height - margin)" stroke="black"/>
            <line x1="\(margin)" y1="\(margin)" x2="\(margin)" y2="\(height - margin)" stroke="black"/>
            <text x="\(width / 2)" y="\(height - 18)" font-size="12" text-anchor="middle">\(escape(xLabel))</text>
            <text x="16" y="\(height / 2)" font-size="12" text-anchor="middle" transform="rotate(-90 16 \(height / 2))">\(escape(yLabel))</text>
            \(ticks)\(body)</svg>

            """
    }

    static func empty(_ message: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="80"><text x="10" y="40">\(escape(message))</text></svg>

        """
    }
}
