use leptos::prelude::*;
use skewcheck_core::support::{LinkOptions, ServerCommands, build_link};
use skewcheck_core::verdict::SERVICES;
use skewcheck_core::words::server_commands;

/// Copies `text` to the clipboard, reporting the outcome through `status`.
pub fn copy_to_clipboard(text: String, status: RwSignal<String>) {
    leptos::task::spawn_local(async move {
        let copied = crate::browser::copy_text(&text).await;
        status.set(if copied {
            "Copied.".to_owned()
        } else {
            "Could not copy: select the text and copy it by hand.".to_owned()
        });
    });
}

/// A small form for support staff that builds a link to this page.
#[component]
pub fn LinkMaker(
    /// The page's own address, the base of every link.
    page_url: String,
) -> impl IntoView {
    let reference = RwSignal::new(String::new());
    let service = RwSignal::new("s3".to_owned());
    let limit = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let endpoint = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let link = move || {
        build_link(
            &page_url,
            &LinkOptions {
                reference: reference.get(),
                service: service.get(),
                limit_seconds: limit.get(),
                service_name: name.get(),
                endpoint: endpoint.get(),
            },
        )
    };
    view! {
        <details class="card link-maker" data-testid="link-maker">
            <summary>"For support staff: make a link"</summary>
            <div class="form-grid">
                <label>"Ticket reference"<input type="text" data-testid="link-ref" placeholder="T-1234" bind:value=reference /></label>
                <label>"Service"
                    <select data-testid="link-service" on:change=move |event| service.set(event_target_value(&event))>
                        {SERVICES.iter().map(|s| view! { <option value=s.id.as_ref()>{s.name.as_ref()}</option> }).collect_view()}
                        <option value="">"Your own (set a limit)"</option>
                    </select>
                </label>
                <label>"Limit in seconds (optional)"<input type="number" min="0" data-testid="link-limit" bind:value=limit /></label>
                <label>"Name of your service (optional)"<input type="text" data-testid="link-name" bind:value=name /></label>
                <label>"Time endpoint (optional)"<input type="url" data-testid="link-endpoint" placeholder="https://…" bind:value=endpoint /></label>
            </div>
            <p class="link-output"><code data-testid="link-output">{link.clone()}</code></p>
            <button type="button" class="secondary" data-testid="link-copy" on:click=move |_| copy_to_clipboard(link(), status)>"Copy link"</button>
            <span class="status" role="status" data-testid="link-copy-status">{move || status.get()}</span>
        </details>
    }
}

/// "Checking a server?": commands that compare a server's clock with the same reference.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn ServerCheck(
    /// The reference the page measured against.
    reference_url: String,
) -> impl IntoView {
    let ServerCommands {
        linux,
        macos,
        powershell,
        linux_ntp,
        macos_ntp,
        windows_ntp,
    } = server_commands(&reference_url);
    let block = |title: &'static str, command: String, id: &'static str| {
        view! {
            <h4>{title}</h4>
            <pre class="command" data-testid=id><code>{command}</code></pre>
        }
    };
    view! {
        <details class="card server-check" data-testid="server-check">
            <summary>"Checking a server?"</summary>
            <p>"In the incident behind skewcheck the wrong clock was on a server. Run one of these on the server: it compares the server's clock with the same reference this page used and prints the offset (1 s resolution)."</p>
            {block("Linux", linux, "server-linux")}
            {block("macOS", macos, "server-macos")}
            {block("Windows PowerShell", powershell, "server-powershell")}
            <p>"Then turn on network time so it stays right:"</p>
            {block("Linux (systemd)", linux_ntp, "ntp-linux")}
            {block("macOS", macos_ntp, "ntp-macos")}
            {block("Windows (PowerShell as Administrator)", windows_ntp, "ntp-windows")}
        </details>
    }
}
