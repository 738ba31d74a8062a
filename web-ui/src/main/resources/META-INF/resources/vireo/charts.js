// Bar charts for the dashboard with Chart.js (npm chart.js, served at /chartjs): a UMD script, so it is
// loaded once with a <script> tag rather than import(). bar(canvas, spec) draws or updates in place.
let loading;

function chartJs() {
    if (window.Chart) {
        return Promise.resolve(window.Chart);
    }
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const s = document.createElement('script');
            s.src = '/chartjs/chart.umd.js';
            s.onload = () => resolve(window.Chart);
            s.onerror = () => reject(new Error('could not load /chartjs/chart.umd.js'));
            document.head.appendChild(s);
        });
    }
    return loading;
}

export async function bar(canvas, spec) {
    const Chart = await chartJs();
    const data = {
        labels: spec.labels,
        datasets: spec.datasets.map(d => ({ label: d.label, data: d.data, backgroundColor: d.color, borderRadius: 3,
            maxBarThickness: 48 }))
    };
    if (canvas.chart) {
        canvas.chart.data = data;
        canvas.chart.update('none');
    } else {
        canvas.chart = new Chart(canvas, {
            type: 'bar',
            data,
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                plugins: { legend: { position: 'bottom' },
                    tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.parsed.y} ${spec.unit}`.trim() } } },
                scales: { x: { stacked: spec.stacked }, y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: spec.unit ? undefined : 0 },
                    title: { display: !!spec.unit, text: spec.unit } } }
            }
        });
    }
    canvas.dataset.drawn = 'true';
}
