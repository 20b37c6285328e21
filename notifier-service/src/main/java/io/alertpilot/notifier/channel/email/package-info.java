/** E-mail over SMTP through Spring's JavaMailSender. */
package io.alertpilot.notifier.channel.email;
