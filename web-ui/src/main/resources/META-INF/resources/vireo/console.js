// The console view's browser half: noVNC's RFB client on the view's screen element, connected to the
// engine's console websocket with a one-time ticket. When the connection drops (the VM migrated, the
// engine restarted), it asks the server side for a new ticket; the VM's new host answers the next one.
import RFB from '/novnc/core/rfb.js';

function setStatus(status, state, text) {
    if (status) {
        status.dataset.state = state;
        status.textContent = text;
    }
}

export function open(screen, url, password, view, status) {
    status = status || document.getElementById('console-status');
    if (screen.rfb) {
        screen.rfb.replaced = true;
        try { screen.rfb.disconnect(); } catch (e) { /* already closed */ }
    }
    setStatus(status, 'connecting', 'connecting…');
    const rfb = new RFB(screen, url, { credentials: { password } });
    rfb.scaleViewport = true;
    rfb.background = '#111';
    screen.rfb = rfb;
    rfb.addEventListener('connect', () => setStatus(status, 'connected', 'connected'));
    rfb.addEventListener('credentialsrequired', () => rfb.sendCredentials({ password }));
    rfb.addEventListener('securityfailure', e => setStatus(status, 'refused', 'refused: ' + (e.detail.reason || e.detail.status)));
    rfb.addEventListener('disconnect', e => {
        if (rfb.replaced) {
            return;
        }
        setStatus(status, 'disconnected', e.detail.clean ? 'disconnected; reconnecting…' : 'connection lost; reconnecting…');
        setTimeout(() => view.$server.reconnect(), 1000);
    });
}

export function ctrlAltDel(screen) {
    if (screen.rfb) {
        screen.rfb.sendCtrlAltDel();
    }
}

export function fullscreen(screen) {
    (screen.requestFullscreen ? screen.requestFullscreen() : Promise.resolve()).catch(() => { });
}

export function close(screen) {
    if (screen.rfb) {
        screen.rfb.replaced = true;
        screen.rfb.disconnect();
        screen.rfb = null;
    }
}
