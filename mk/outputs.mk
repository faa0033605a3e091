# Issue 5: the man page and the bash completion ship with `make install`.
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions

.PHONY: install-docs uninstall-docs
install: install-docs
uninstall: uninstall-docs

install-docs:
	install -D -m 0644 docs/kubeglass.8 $(DESTDIR)$(MANDIR)/man8/kubeglass.8
	install -D -m 0644 completion/kubeglass.bash $(DESTDIR)$(COMPLETIONDIR)/kubeglass

uninstall-docs:
	rm -f $(DESTDIR)$(MANDIR)/man8/kubeglass.8 $(DESTDIR)$(COMPLETIONDIR)/kubeglass
